namespace Runway.Database.Refusals;

/// <summary>A database connection a run uses, as a person names it.</summary>
/// <param name="Name">Which one, e.g. <c>the ledger database</c>.</param>
/// <param name="Option">The option that sets it, e.g. <c>--ledger-connection-string</c>.</param>
/// <param name="Origin">Where its value came from, e.g. <c>RUNWAY_LEDGER_CONNECTION_STRING in the environment</c>.</param>
/// <param name="ConnectionString">The connection string (never shown: only its user, host, port and database are).</param>
public sealed record NamedConnection(string Name, string Option, string Origin, string ConnectionString);
