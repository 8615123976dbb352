using Runway.Database.Refusals;

/// <summary>How a failed target reads: a database refusal names its connection, where it was set, and the fix.</summary>
sealed partial class Build
{
    protected override string DescribeFailure(Exception error) =>
        DatabaseRefusal.Describe(error, NamedConnections()) ?? base.DescribeFailure(error);

    // The connections this run uses, as given, or as the local cluster made them when none was given.
    List<NamedConnection> NamedConnections()
    {
        var topology = _services?.Topology;
        return new[]
        {
            Named("the ledger database", "ledger-connection-string", nameof(LedgerConnectionString), LedgerConnectionString, topology?.LedgerConnectionString),
            Named("the service database", "database-connection-string", nameof(DatabaseConnectionString), DatabaseConnectionString, topology?.DatabaseConnectionString),
            Named("the staging database", "staging-database-connection-string", nameof(StagingDatabaseConnectionString), StagingDatabaseConnectionString,
                topology?.Staging?.DatabaseConnectionString),
        }.OfType<NamedConnection>().ToList();
    }

    NamedConnection? Named(string name, string option, string member, string? given, string? made) =>
        Blank(given) is { } connection ? new(name, $"--{option}", ParameterOrigin(member), connection)
        : Blank(made) is { } local ? new($"{name} in the local cluster", "--postgres-port", ParameterOrigin(nameof(PostgresPort)), local)
        : null;
}
