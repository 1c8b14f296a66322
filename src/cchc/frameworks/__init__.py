"""Frameworks shipped with ``cchc`` as TOML files, each citing the decision it comes from.

Load one by name with :func:`cchc.criteria.load_bundled`:

>>> from cchc.criteria import bundled_frameworks
>>> bundled_frameworks()
('ca-mau-1880-2013', 'cchc-campaign-6')
"""
