using System.Text.RegularExpressions;
using Npgsql;

namespace Runway.Database.Refusals;

/// <summary>
/// Which connections an error points at. PostgreSQL names the database or role it refused (<c>database "x" does not
/// exist</c>, <c>password authentication failed for user "x"</c>, <c>permission denied for database x</c>), and Npgsql the
/// host and port it could not reach; when nothing narrows it down, every connection is a suspect.
/// </summary>
internal static partial class ConnectionMatch
{
    public static IReadOnlyList<NamedConnection> Suspects(NpgsqlException error, IReadOnlyList<NamedConnection> connections)
    {
        var parsed = connections.Select(c => (Connection: c, Builder: new NpgsqlConnectionStringBuilder(c.ConnectionString))).ToList();
        var text = error is PostgresException postgres ? postgres.MessageText : error.Message;
        var named = Names(text);
        var byDatabase = parsed.Where(p => p.Builder.Database is { } database && named.Contains(database)).ToList();
        var byUser = parsed.Where(p => p.Builder.Username is { } user && named.Contains(user)).ToList();
        var byEndpoint = parsed.Where(p => text.Contains($"{p.Builder.Host}:{p.Builder.Port}", StringComparison.Ordinal)).ToList();
        var narrowest = new[] { byDatabase, byUser, byEndpoint }.Where(m => m.Count > 0).OrderBy(m => m.Count).FirstOrDefault();
        return (narrowest ?? parsed).Select(p => p.Connection).DistinctBy(c => c.Option).ToList();
    }

    // The words PostgreSQL quotes, or names after "database", "role" or "user".
    private static HashSet<string> Names(string text) =>
        NamePattern().Matches(text).Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bare"].Value)
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("\"(?<quoted>[^\"]+)\"|\\b(?:database|role|user) (?<bare>[A-Za-z_][\\w$]*)")]
    private static partial Regex NamePattern();
}
