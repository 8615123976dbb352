using Npgsql;

namespace Runway.Database.Migrations;

/// <summary>A statement of a script failed; carries the statement so the error maps back to a line of the file.</summary>
internal sealed class StatementFailedException(SqlStatement? statement, NpgsqlException inner) : Exception(inner.Message, inner)
{
    public SqlStatement? Statement { get; } = statement;

    public NpgsqlException Error { get; } = inner;

    public bool IsLockNotAvailable => Error is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };
}
