"""The domain of Command Room and its storage. Nothing here imports Qt."""
