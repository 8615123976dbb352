using Npgsql;
using Runway.Processes;

namespace Runway.Database.Backups;

/// <summary>
/// The server and database of a connection string, as arguments for the PostgreSQL client programs. The password
/// travels in the process's <c>PGPASSWORD</c> environment variable, never on the command line (which any user can see).
/// </summary>
internal sealed class PostgresTarget
{
    private readonly NpgsqlConnectionStringBuilder _builder;

    public PostgresTarget(string connectionString)
    {
        _builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(_builder.Database))
            throw new ArgumentException("The connection string names no database: add 'Database=<name>'.", nameof(connectionString));
    }

    public string Database => _builder.Database!;

    public string ConnectionString => _builder.ConnectionString;

    /// <summary>The same server and credentials, connected to another database (e.g. <c>postgres</c> to create or drop one).</summary>
    public PostgresTarget For(string database) => new(new NpgsqlConnectionStringBuilder(_builder.ConnectionString) { Database = database }.ConnectionString);

    /// <summary>A client program with connection arguments first, then <paramref name="arguments"/>.</summary>
    public ProcessSpec Command(string program, params string[] arguments) =>
        new(program, [.. ConnectionArguments(), .. arguments]) { Environment = PasswordEnvironment() };

    private IEnumerable<string> ConnectionArguments()
    {
        if (!string.IsNullOrEmpty(_builder.Host)) yield return $"--host={_builder.Host}";
        yield return $"--port={_builder.Port}";
        if (!string.IsNullOrEmpty(_builder.Username)) yield return $"--username={_builder.Username}";
        // Never prompt: a missing password must fail, not hang a deployment.
        yield return "--no-password";
    }

    private Dictionary<string, string> PasswordEnvironment() =>
        string.IsNullOrEmpty(_builder.Password) ? [] : new() { ["PGPASSWORD"] = _builder.Password };
}
