"""factcheck: label the claims in news articles from the terminal."""

__version__ = "0.1.0"
