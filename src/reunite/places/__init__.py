"""Places: the gazetteer of Xinjiang and the countries where families live."""
