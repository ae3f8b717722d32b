"""Config validators compiled by specguard: one module per config. Do not edit."""
