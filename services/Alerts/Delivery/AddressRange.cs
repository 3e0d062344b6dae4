using System.Net;
using System.Net.Sockets;

namespace Monitor.Alerts.Delivery;

/// <summary>An IP network in CIDR form ("10.0.0.0/8", "fd00::/8"); a bare address is a /32 or /128.</summary>
public sealed record AddressRange(IPAddress Network, int PrefixLength)
{
    public static AddressRange Parse(string text)
    {
        var parts = text.Trim().Split('/');
        if (!IPAddress.TryParse(parts[0], out var address) || parts.Length > 2)
            throw new FormatException($"'{text}' is not an IP address or CIDR range like 127.0.0.1 or 10.0.0.0/8");
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (parts.Length == 2 && (!int.TryParse(parts[1], out prefix) || prefix < 0 || prefix > max))
            throw new FormatException($"'{text}': the prefix length must be a number from 0 to {max}");
        return new AddressRange(address, prefix);
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != Network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = Network.GetAddressBytes();
        var bits = PrefixLength;
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask)) return false;
        }
        return true;
    }

    public override string ToString() => $"{Network}/{PrefixLength}";
}
