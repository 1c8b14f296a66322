"""The edges of the library: JSON, tables and official documents. The domain never imports
from here."""
