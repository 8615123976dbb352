namespace Runway.Database.Refusals;

/// <summary>What a PostgreSQL refusal means and how to fix it, by SQLSTATE (its class when the code is not listed).</summary>
internal static class SqlStateMeaning
{
    // No SQLSTATE: Npgsql's own error (a refused socket, a timeout), so the server was never reached.
    public static (string Meaning, string Fix) Of(string? sqlState, string option) => sqlState switch
    {
        null => Unreachable(option),
        "28P01" => ("the password was rejected",
            $"Fix the password in {option} (the server's may have changed), then run again."),
        "28000" => ("the role does not exist or may not log in",
            $"Fix the user name in {option}, or create the role with LOGIN on the server, then run again."),
        "3D000" => ("the database does not exist (dropped, or a wrong name)",
            $"Create the database, or fix its name in {option}, then run again; a rerun resumes the deployment."),
        "42501" => ("the role lacks a privilege it needs",
            "Give the role what it needs (e.g. GRANT CREATE, CONNECT ON DATABASE …, or make it the database's owner), " +
            $"or put a role that has it in {option}, then run again."),
        "53300" => ("the server has no free connection slot",
            "Close idle sessions or raise max_connections on the server, then run again."),
        "57P01" or "57P02" or "57P03" => ("the server shut the connection down (it restarted, or is stopping or starting)",
            "Check that the server is up and accepts connections, then run again; a rerun resumes the deployment."),
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => Unreachable(option),
        _ when sqlState.StartsWith("28", StringComparison.Ordinal) => ("the server did not accept the login",
            $"Fix the user or password in {option}, or the server's pg_hba.conf, then run again."),
        _ when sqlState.StartsWith("42", StringComparison.Ordinal) => ("a statement was refused (a missing object or privilege)",
            $"Check that {option} points at the right database, with a role that owns what Runway creates there, then run again."),
        _ => ("the server refused a request",
            "Fix the cause the server names below, on the server or in the connection, then run again."),
    };

    private static (string Meaning, string Fix) Unreachable(string option) => ("the server could not be reached",
        $"Check the host and port in {option}, and that the server runs and accepts this client, then run again.");
}
