using System.Net.Sockets;
using Npgsql;

namespace Monitor.EventStore.Resilience;

/// <summary>Which failures are worth retrying: lost connections, failover, serialization and deadlock aborts.</summary>
public static class TransientErrors
{
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return IsTransientSqlState(pg.SqlState);
                case NpgsqlException { IsTransient: true }:
                case IOException:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }

    private static bool IsTransientSqlState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)     // connection exception
        || sqlState.StartsWith("53", StringComparison.Ordinal)  // insufficient resources (too many connections)
        || sqlState is "40001"                                   // serialization failure
            or "40P01"                                           // deadlock detected
            or "55P03"                                           // lock not available
            or "57P01" or "57P02" or "57P03"                     // admin/crash shutdown, cannot connect now (failover)
            or "25006";                                          // read-only transaction: connected to a standby after failover
}
