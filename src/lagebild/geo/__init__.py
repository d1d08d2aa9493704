"""Where events happened: coordinates for places and countries, the offline world basemap, event placement."""
