using Runway.Database.Migrations;
using Shouldly;
using Xunit;

namespace Runway.Tests.Database.Migrations;

public sealed class SqlStatementSplitterTests
{
    [Fact]
    public void Split_SemicolonsInQuotesDollarBodiesAndComments_DoNotSplit()
    {
        const string sql = """
            -- a comment; with a semicolon
            INSERT INTO t VALUES ('a;b', "we;ird");
            /* block; /* nested; */ still comment; */
            CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
            DO $$ BEGIN PERFORM 1; END $$;
            SELECT 'it''s; fine';
            -- trailing comment only
            """;

        var statements = SqlStatementSplitter.Split(sql);

        statements.Count.ShouldBe(4);
        statements[0].Sql.ShouldEndWith("\"we;ird\")");
        statements[1].Sql.ShouldEndWith("LANGUAGE plpgsql");
        statements[2].Sql.Trim().ShouldBe("DO $$ BEGIN PERFORM 1; END $$");
        statements[3].Sql.Trim().ShouldBe("SELECT 'it''s; fine'");
    }

    [Fact]
    public void Split_OffsetsPointIntoTheScript()
    {
        const string sql = "SELECT 1;\nSELECT 2;";

        var statements = SqlStatementSplitter.Split(sql);

        statements[1].Offset.ShouldBe(9);
        sql.Substring(statements[1].Offset).TrimStart().ShouldStartWith("SELECT 2");
    }
}
