"""Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`."""
