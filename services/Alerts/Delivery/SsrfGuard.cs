using System.Net;
using System.Net.Sockets;
using Monitor.Hosting.Configuration;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Keeps alert delivery from reaching inside the network: a destination that resolves to a loopback, private,
/// shared (CGNAT), link-local (which holds the cloud metadata service 169.254.169.254) or unique-local address
/// is refused unless the operator allowed it (MONITOR_ALERTS_ALLOWED_ADDRESSES).
/// </summary>
public sealed class SsrfGuard(IReadOnlyList<AddressRange> allowed)
{
    public const string AllowedAddressesVariable = MonitorSettings.AlertsAllowedAddressesVariable;

    private static readonly (AddressRange Range, string Why)[] Refused =
    [
        (AddressRange.Parse("0.0.0.0/8"), "an unspecified address"),
        (AddressRange.Parse("127.0.0.0/8"), "a loopback address"),
        (AddressRange.Parse("10.0.0.0/8"), "a private address"),
        (AddressRange.Parse("172.16.0.0/12"), "a private address"),
        (AddressRange.Parse("192.168.0.0/16"), "a private address"),
        (AddressRange.Parse("100.64.0.0/10"), "a shared (carrier-grade NAT) address"),
        (AddressRange.Parse("169.254.169.254/32"), "the cloud metadata address"),
        (AddressRange.Parse("169.254.0.0/16"), "a link-local address"),
        (AddressRange.Parse("::/128"), "an unspecified address"),
        (AddressRange.Parse("::1/128"), "a loopback address"),
        (AddressRange.Parse("fc00::/7"), "a unique-local (private) address"),
        (AddressRange.Parse("fe80::/10"), "a link-local address"),
        (AddressRange.Parse("fd00:ec2::254/128"), "the cloud metadata address"),
    ];

    public static SsrfGuard FromSetting(string? allowedAddresses) => new(
        (allowedAddresses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(AddressRange.Parse).ToArray());

    /// <summary>Why the address is refused; null when it may be reached.</summary>
    public string? Refusal(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (allowed.Any(r => r.Contains(plain))) return null;
        var hit = Refused.FirstOrDefault(r => r.Range.Contains(plain));
        return hit.Range is null ? null : $"{plain} is {hit.Why}";
    }

    /// <summary>
    /// An HTTP handler that checks the addresses a host resolves to at connect time and connects only to a
    /// checked one, so a name that resolves to a public address for the check and a private one for the
    /// connection (DNS rebinding) cannot slip through.
    /// </summary>
    public SocketsHttpHandler CreateHandler(Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        resolve ??= (host, ct) => Dns.GetHostAddressesAsync(host, ct);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, ct) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolve(host, ct);
                if (addresses.Length == 0) throw new SsrfRefusedException($"{host} does not resolve to any address");
                var refusals = addresses.Select(Refusal).OfType<string>().ToArray();
                if (refusals.Length > 0)
                    throw new SsrfRefusedException($"refused {host}: {refusals[0]} (allow it with {AllowedAddressesVariable})");
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }
}
