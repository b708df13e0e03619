"""Peer addresses in one canonical spelling, so that allow and deny lists match reliably."""

from __future__ import annotations

import ipaddress


def canonical_ip(address: str) -> str:
    """The canonical text of an IP address ('::ffff:10.0.0.1' becomes '10.0.0.1').

    Raises
    ------
    ValueError
        If ``address`` is not an IPv4 or IPv6 address.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        # a dual-stack socket reports IPv4 peers in their IPv6-mapped form
        ip = ip.ipv4_mapped
    return str(ip)


def peer_address(address: str) -> str:
    """The address of a ZAP request, canonical when it is an IP address.

    Peers of other transports (ipc) have addresses that are not IPs: they are kept as they
    are, and so never equal an entry of the allow and deny lists, which hold only IPs.
    """
    try:
        return canonical_ip(address)
    except ValueError:
        return address
