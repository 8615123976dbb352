namespace Runway.Bench.Canary;

/// <summary>Runs one cell: the same drawn bakes judged by both rules, with and without the practical thresholds.</summary>
internal static class Grid
{
    private static readonly RuleV2 V2On = new(practical: true);
    private static readonly RuleV2 V2Off = new(practical: false);

    public static async Task<(Tally V1On, Tally V2On, Tally V1Off, Tally V2Off)> RunAsync(Scenario scenario, int bakes, int seed, bool off = true)
    {
        var tallies = (V1On: new Tally(), V2On: new Tally(), V1Off: new Tally(), V2Off: new Tally());
        await Parallel.ForAsync(0, bakes, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (bake, _) =>
        {
            var trajectory = scenario.Draw(new RandomCounts(HashCode.Combine(seed, bake)));
            tallies.V1On.Add(RuleV1.Bake(trajectory, practical: true));
            tallies.V2On.Add(await V2On.BakeAsync(trajectory));
            if (!off) return;
            tallies.V1Off.Add(RuleV1.Bake(trajectory, practical: false));
            tallies.V2Off.Add(await V2Off.BakeAsync(trajectory));
        });
        return tallies;
    }
}
