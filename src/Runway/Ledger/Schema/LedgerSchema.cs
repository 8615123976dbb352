using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using Serilog;

namespace Runway.Ledger.Schema;

/// <summary>
/// Creates and upgrades the ledger's own schema <c>runway</c> from the embedded <c>V###__name.sql</c> scripts:
/// in version order, in one transaction, under a transaction-scoped advisory lock so that parallel first uses
/// wait for each other instead of colliding. Applied versions are kept in <c>runway.schema_version</c>.
/// </summary>
internal static partial class LedgerSchema
{
    private const string ResourcePrefix = "Runway.Ledger.Schema.";

    /// <summary>The embedded scripts in version order.</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>Applies every script not applied yet; returns how many ran.</summary>
    public static async Task<int> ApplyAsync(NpgsqlConnection connection, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await Sql.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1, $2)", cancellationToken, LockKeys.Class, LockKeys.Schema).ConfigureAwait(false);
        await Sql.ExecuteAsync(connection, """
            CREATE SCHEMA IF NOT EXISTS runway;
            CREATE TABLE IF NOT EXISTS runway.schema_version (
                version integer PRIMARY KEY, script text NOT NULL, applied_at timestamptz NOT NULL)
            """, cancellationToken).ConfigureAwait(false);
        var applied = await AppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
        var pending = Scripts.Where(s => !applied.Contains(s.Version)).ToList();
        foreach (var script in pending)
        {
            await Sql.ExecuteAsync(connection, script.Sql, cancellationToken).ConfigureAwait(false);
            await Sql.ExecuteAsync(connection, "INSERT INTO runway.schema_version (version, script, applied_at) VALUES ($1, $2, $3)",
                cancellationToken, script.Version, script.Name, now).ConfigureAwait(false);
            logger.Information("Applied ledger schema script {Script}", script.Name);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return pending.Count;
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, "SELECT version FROM runway.schema_version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static List<SchemaScript> LoadScripts()
    {
        var assembly = typeof(LedgerSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => ToScript(assembly, name))
            .OrderBy(script => script.Version)
            .ToList();
    }

    private static SchemaScript ToScript(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..];
        var match = ScriptName().Match(name);
        if (!match.Success)
            throw new InvalidOperationException($"Ledger schema script '{name}' is misnamed: use V<number>__<description>.sql.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SchemaScript(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^V(\d+)__\w+\.sql$")]
    private static partial Regex ScriptName();
}

/// <summary>One embedded schema script.</summary>
internal sealed record SchemaScript(int Version, string Name, string Sql);
