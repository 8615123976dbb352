namespace Runway.Database.Migrations;

/// <summary>A statement of a script and where it starts, so an error position maps back to a line of the file.</summary>
/// <param name="Sql">The statement's text, without the terminating semicolon.</param>
/// <param name="Offset">The index of its first character within the script.</param>
internal sealed record SqlStatement(string Sql, int Offset);

/// <summary>
/// Splits a script on semicolons that are outside quotes, quoted identifiers, dollar-quoted bodies and comments.
/// Statements holding nothing but whitespace and comments are dropped.
/// </summary>
internal static class SqlStatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string sql)
    {
        var statements = new List<SqlStatement>();
        var start = 0;
        var i = 0;
        while (i < sql.Length)
        {
            if (sql[i] == ';')
            {
                Add(statements, sql, start, i);
                start = ++i;
            }
            else i = SkipToken(sql, i);
        }
        Add(statements, sql, start, sql.Length);
        return statements;
    }

    private static int SkipToken(string sql, int i) => sql[i] switch
    {
        '\'' or '"' => SkipQuoted(sql, i, sql[i]),
        '-' when At(sql, i, "--") => SkipTo(sql, i, "\n"),
        '/' when At(sql, i, "/*") => SkipBlockComment(sql, i),
        '$' => SkipDollarQuoted(sql, i),
        _ => i + 1,
    };

    private static int SkipQuoted(string sql, int i, char quote)
    {
        // A doubled quote is an escaped quote and simply continues the literal.
        var end = sql.IndexOf(quote, i + 1);
        return end < 0 ? sql.Length : end + 1;
    }

    private static int SkipTo(string sql, int i, string terminator)
    {
        var end = sql.IndexOf(terminator, i, StringComparison.Ordinal);
        return end < 0 ? sql.Length : end + terminator.Length;
    }

    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (At(sql, i, "/*")) { depth++; i += 2; }
            else if (At(sql, i, "*/")) { i += 2; if (--depth == 0) return i; }
            else i++;
        }
        return i;
    }

    private static int SkipDollarQuoted(string sql, int i)
    {
        var tagEnd = i + 1;
        while (tagEnd < sql.Length && (char.IsLetterOrDigit(sql[tagEnd]) || sql[tagEnd] == '_')) tagEnd++;
        // $1 is a parameter and a$b an identifier: only $tag$ with a non-digit tag opens a dollar quote.
        if (tagEnd >= sql.Length || sql[tagEnd] != '$' || (tagEnd > i + 1 && char.IsDigit(sql[i + 1])) || IsIdentifierPart(sql, i - 1)) return i + 1;
        var tag = sql[i..(tagEnd + 1)];
        return SkipTo(sql, tagEnd + 1, tag);
    }

    private static bool IsIdentifierPart(string sql, int i) => i >= 0 && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_');

    private static bool At(string sql, int i, string token) => string.CompareOrdinal(sql, i, token, 0, token.Length) == 0;

    private static void Add(List<SqlStatement> statements, string sql, int start, int end)
    {
        var text = sql[start..end];
        if (HasCode(text)) statements.Add(new SqlStatement(text, start));
    }

    private static bool HasCode(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) i++;
            else if (At(text, i, "--")) i = SkipTo(text, i, "\n");
            else if (At(text, i, "/*")) i = SkipBlockComment(text, i);
            else return true;
        }
        return false;
    }
}
