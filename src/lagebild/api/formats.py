"""Export formats a user can take elsewhere: CSV and Parquet tables, GEXF and GraphML networks."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pyarrow as pa
import pyarrow.parquet as pq

from ..store import export


def table_csv(table: pa.Table) -> bytes:
    """CSV with formula-like cells neutralised (see `store.export.table_csv`)."""
    return export.table_csv(table)


def table_parquet(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


NODE_ATTRS = (("name", "string"), ("code", "string"), ("country", "string"), ("mentions", "integer"))
EDGE_ATTRS = (("weight", "double"), ("mentions", "integer"), ("goldstein", "double"))


def _text(v) -> str:
    return "" if v is None else str(v)


def network_gexf(net: dict) -> bytes:
    """GEXF 1.3 (Gephi): directed edges weighted by events, with mean Goldstein as an attribute."""
    gexf = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    ET.SubElement(ET.SubElement(gexf, "meta"), "creator").text = "lagebild"
    graph = ET.SubElement(gexf, "graph", {"defaultedgetype": "directed"})
    for cls, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS[1:])):
        el = ET.SubElement(graph, "attributes", {"class": cls})
        for i, (name, typ) in enumerate(attrs):
            ET.SubElement(el, "attribute", {"id": str(i), "title": name, "type": typ})
    nodes = ET.SubElement(graph, "nodes")
    for n in net["nodes"]:
        node = ET.SubElement(nodes, "node", {"id": n["id"], "label": _text(n.get("name"))})
        values = ET.SubElement(node, "attvalues")
        for i, (name, _) in enumerate(NODE_ATTRS):
            ET.SubElement(values, "attvalue", {"for": str(i), "value": _text(n.get(name))})
    edges = ET.SubElement(graph, "edges")
    for i, e in enumerate(net["edges"]):
        edge = ET.SubElement(
            edges,
            "edge",
            {"id": str(i), "source": e["source"], "target": e["target"], "weight": _text(e["weight"])},
        )
        values = ET.SubElement(edge, "attvalues")
        for j, (name, _) in enumerate(EDGE_ATTRS[1:]):
            ET.SubElement(values, "attvalue", {"for": str(j), "value": _text(e.get(name))})
    return ET.tostring(gexf, encoding="utf-8", xml_declaration=True)


def network_graphml(net: dict) -> bytes:
    """GraphML (networkx, igraph, yEd, Gephi)."""
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    types = {"string": "string", "integer": "long", "double": "double"}
    for name, typ in NODE_ATTRS:
        ET.SubElement(
            root, "key", {"id": f"n_{name}", "for": "node", "attr.name": name, "attr.type": types[typ]}
        )
    for name, typ in EDGE_ATTRS:
        ET.SubElement(
            root, "key", {"id": f"e_{name}", "for": "edge", "attr.name": name, "attr.type": types[typ]}
        )
    graph = ET.SubElement(root, "graph", {"id": "lagebild", "edgedefault": "directed"})
    for n in net["nodes"]:
        node = ET.SubElement(graph, "node", {"id": n["id"]})
        for name, _ in NODE_ATTRS:
            if n.get(name) is not None:
                ET.SubElement(node, "data", {"key": f"n_{name}"}).text = _text(n[name])
    for e in net["edges"]:
        edge = ET.SubElement(graph, "edge", {"source": e["source"], "target": e["target"]})
        for name, _ in EDGE_ATTRS:
            if e.get(name) is not None:
                ET.SubElement(edge, "data", {"key": f"e_{name}"}).text = _text(e[name])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
