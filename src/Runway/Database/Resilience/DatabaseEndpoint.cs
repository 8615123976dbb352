using Npgsql;

namespace Runway.Database.Resilience;

/// <summary>
/// The parts of a connection string that are safe to log: host, port and database. Passwords never get here.
/// </summary>
public sealed record DatabaseEndpoint(string Host, int Port, string Database)
{
    /// <summary>Reads the safe parts from a connection string.</summary>
    public static DatabaseEndpoint From(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new DatabaseEndpoint(builder.Host ?? "localhost", builder.Port, builder.Database ?? "(default)");
    }

    /// <summary>Reads the safe parts from a data source.</summary>
    public static DatabaseEndpoint From(NpgsqlDataSource dataSource) => From(dataSource.ConnectionString);

    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port}/{Database}";
}
