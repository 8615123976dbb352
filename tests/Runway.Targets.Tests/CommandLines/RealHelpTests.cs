using System.Text.Json;
using System.Text.RegularExpressions;
using Runway.Targets.Parameters;
using Runway.Targets.Tests.Support;
using Shouldly;
using Xunit;

namespace Runway.Targets.Tests.CommandLines;

/// <summary>
/// Issue 14 rule 8 on Runway's own build, through build.sh as a user runs it: <c>--help</c> with the real long
/// parameter names. A snapshot (<c>Snapshots/real-help.txt</c>; after adding a parameter, rerun with
/// RUNWAY_UPDATE_SNAPSHOTS=1 and review the diff) and the layout rules, which hold whatever parameters are added.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed partial class RealHelpTests
{
    private const int MinimumGap = 3;

    private static readonly Lazy<Task<string>> Help = new(async () =>
    {
        var run = await BuildScript.RunAsync("build.sh", null, "--help", "--no-logo");
        run.ExitCode.ShouldBe(0, run.Output);
        return run.StandardOutput;
    });

    [Fact]
    public async Task Help_MatchesTheSnapshot() => Snapshot.Match("real-help", await Help.Value);

    [Fact]
    public async Task Help_RowsOfABlock_StartTheirDescriptionsInOneColumn_AfterTheMinimumGap()
    {
        var help = await Help.Value;
        // Parameters and the engine's options share one column, so the two lists read as one table.
        foreach (var blocks in new[] { ["Targets (* = default):"], new[] { "Parameters:", "Options:" } })
        {
            var block = string.Join(" + ", blocks);
            var rows = blocks.SelectMany(b => Block(help, b)).Where(r => r.Name.Length > 0).ToList();
            rows.ShouldNotBeEmpty(block);
            rows.Select(r => r.DescriptionColumn).Distinct().Count().ShouldBe(1, $"{block}: descriptions start in one column\n{help}");
            var longest = rows.Max(r => r.NameEnd);
            (rows[0].DescriptionColumn - longest).ShouldBeGreaterThanOrEqualTo(MinimumGap, $"{block}: a gap of {MinimumGap} after the longest name");
            (rows[0].DescriptionColumn - longest).ShouldBe(MinimumGap, $"{block}: the column is sized from the content, not fixed");
        }
    }

    [Fact]
    public async Task Help_ShowsNoEmptyDefault_NoRawTimeSpan_AndOnlyKnownTypeNames()
    {
        var help = await Help.Value;

        help.ShouldNotContain("(default: )");
        help.ShouldNotMatch(@"\d\d:\d\d:\d\d", "durations read as 30 m or 20 s, never 00:30:00");
        foreach (Match type in TypeName().Matches(help))
            type.Groups[1].Value.ShouldBeOneOf(["string", "bool", "int", "number", "duration", "string[]", "targets", "level", "names"], type.Value);
        foreach (Match duration in DurationDefault().Matches(help))
            duration.Groups[1].Value.ShouldMatch(@"^(\d+(\.\d)? (ms|s|m|h|d))( \d+ (s|m|h))?$", duration.Value);
    }

    public static IEnumerable<object[]> ParameterFiles =>
        Directory.GetFiles(Path.Combine(BuildScript.RepositoryRoot, ".nuke"), "parameters*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(f => new object[] { f! });

    /// <summary>
    /// Issue 14: each default shown is the value that run would use. Whatever the committed files hold, every key of the
    /// strongest file (parameters.json alone, or the profile named) is shown from that file, with that file's value.
    /// </summary>
    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task Help_WithAProfile_ShowsEachValueOfItsFile_AndNamesTheFile(string file)
    {
        var profile = file["parameters".Length..^".json".Length].TrimStart('.');
        var run = await BuildScript.RunAsync("build.sh", null, profile.Length == 0 ? ["--help", "--no-logo"] : ["--help", "--no-logo", "--profile", profile]);
        run.ExitCode.ShouldBe(0, run.Output);

        using var values = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildScript.RepositoryRoot, ".nuke", file)));
        foreach (var key in values.RootElement.EnumerateObject().Where(k => !k.Name.StartsWith('$')))
        {
            var row = run.StandardOutput.Split('\n').SingleOrDefault(l => l.StartsWith($"  --{ParameterNames.Kebab(key.Name)} <", StringComparison.Ordinal));
            row.ShouldNotBeNull($"no row for {key.Name}:\n{run.StandardOutput}");
            row.ShouldEndWith($", from .nuke/{file})", customMessage: $"{key.Name} comes from {file}");
            if (key.Value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                row.ShouldContain($"(default: {key.Value.GetRawText()}, from", customMessage: key.Name);
            if (key.Value.ValueKind is JsonValueKind.String && row.Contains("<duration>", StringComparison.Ordinal))
                row.ShouldContain($"(default: {DurationText.Format(Durations.TryParse(key.Value.GetString()!, out var duration) ? duration : throw new ShouldAssertException(key.Name))}, from", customMessage: key.Name);
        }
    }

    [Fact]
    public async Task Help_DependenciesNameOnlyListedTargets()
    {
        var help = await Help.Value;
        var listed = Block(help, "Targets (* = default):").Select(r => r.Name).ToHashSet();

        foreach (Match after in After().Matches(help))
            foreach (var name in after.Groups[1].Value.Split(", "))
                listed.ShouldContain(name, $"'{after.Value}' names a target --help does not list");
    }

    // A block's rows: the name (after the two-space indent and the default mark) and where its description starts.
    private static IEnumerable<(string Name, int NameEnd, int DescriptionColumn)> Block(string help, string title)
    {
        var lines = help.ReplaceLineEndings("\n").Split('\n');
        foreach (var line in lines.SkipWhile(l => l != title).Skip(1).TakeWhile(l => l.Length > 0))
        {
            var row = Row().Match(line);
            if (row.Success) yield return (row.Groups[2].Value.Split(' ')[0], row.Groups[2].Index + row.Groups[2].Length, row.Groups[5].Index);
            else yield return ("", 0, line.Length - line.TrimStart().Length);
        }
    }

    [GeneratedRegex(@"^  ([* ] )?((--)?[A-Za-z][\w-]*(?: (?:<[^>]+>|\[[^\]]+\]))?)( +)(\S.*)$")]
    private static partial Regex RowPattern();

    private static Regex Row() => RowPattern();

    [GeneratedRegex(@"^  --[\w-]+ <([^>]+)>", RegexOptions.Multiline)]
    private static partial Regex TypeName();

    [GeneratedRegex(@"<duration>.*\(default: ([^),]*)[),]")]
    private static partial Regex DurationDefault();

    [GeneratedRegex(@"\(after ([^)]*)\)")]
    private static partial Regex After();
}
