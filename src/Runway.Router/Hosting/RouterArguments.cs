using System.Globalization;

namespace Runway.Router.Hosting;

/// <summary>
/// Command line: <c>--port P --admin-port A --state-file FILE --token-file FILE [--drain-timeout SECONDS]</c>. Each
/// option can also come from the environment as <c>RUNWAY_ROUTER_PORT</c>, <c>RUNWAY_ROUTER_ADMIN_PORT</c>, … ;
/// the command line wins.
/// </summary>
public sealed record RouterArguments(int Port, int AdminPort, string StateFile, string TokenFile, TimeSpan DrainTimeout)
{
    /// <summary>How to call the router, for error messages.</summary>
    public const string Usage = "usage: Runway.Router --port P --admin-port A --state-file FILE --token-file FILE [--drain-timeout SECONDS (default 30)]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static RouterArguments Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var values = ReadPairs(args);
        string? Value(string name) => values.GetValueOrDefault(name) ?? environment("RUNWAY_ROUTER_" + name.Replace('-', '_').ToUpperInvariant());
        string Required(string name) => Value(name) is { Length: > 0 } v ? v : throw new ArgumentException($"--{name} is required. {Usage}");

        var port = ParsePort("port", Required("port"));
        var adminPort = ParsePort("admin-port", Required("admin-port"));
        if (port == adminPort)
        {
            throw new ArgumentException($"--port and --admin-port are both {port}; give the admin API its own port.");
        }

        var drain = Value("drain-timeout") is { } seconds ? ParseSeconds(seconds) : TimeSpan.FromSeconds(30);
        return new RouterArguments(port, adminPort, Required("state-file"), Required("token-file"), drain);
    }

    private static Dictionary<string, string> ReadPairs(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'. {Usage}");
            }

            values[args[i][2..]] = args[++i];
        }

        var unknown = values.Keys.Except(["port", "admin-port", "state-file", "token-file", "drain-timeout"]).FirstOrDefault();
        return unknown is null ? values : throw new ArgumentException($"Unknown option --{unknown}. {Usage}");
    }

    private static int ParsePort(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ArgumentException($"--{name} is '{text}'; it must be a TCP port from 1 to 65535.");

    private static TimeSpan ParseSeconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"--drain-timeout is '{text}'; it must be a number of seconds, e.g. 30.");
}
