"""Domain, storage, indicators and interchange. Plain Python: never imports Qt."""
