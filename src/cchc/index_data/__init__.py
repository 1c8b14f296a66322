"""Index definitions shipped with ``cchc`` as TOML files, each citing its source.

Load one by name with :func:`cchc.indices.load_index`:

>>> from cchc.indices import bundled_indices
>>> "pci-2016" in bundled_indices()
True
"""
