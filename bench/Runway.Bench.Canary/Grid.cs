namespace Runway.Bench.Canary;

/// <summary>The tallies of one cell: the previous rule and the current one (at α 0.01 and 0.025), thresholds on and off.</summary>
internal sealed record Tallies(Tally V1On, Tally V1Off, Tally V2On, Tally V2Off, Tally V2WiderOn, Tally V2WiderOff);

/// <summary>Runs one cell: the same drawn bakes judged by every rule.</summary>
internal static class Grid
{
    private static readonly RuleV2 V2 = new(alpha: 0.01);
    private static readonly RuleV2 V2Wider = new(alpha: 0.025);

    // Many bakes at once: each spends most of its time waiting for its fake timer to be advanced on the thread pool.
    public static async Task<Tallies> RunAsync(Scenario scenario, int bakes, int seed)
    {
        var t = new Tallies(new Tally(), new Tally(), new Tally(), new Tally(), new Tally(), new Tally());
        await Parallel.ForAsync(0, bakes, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (bake, _) =>
        {
            var trajectory = scenario.Draw(new RandomCounts(HashCode.Combine(seed, bake)));
            t.V1On.Add(RuleV1.Bake(trajectory, practical: true));
            t.V1Off.Add(RuleV1.Bake(trajectory, practical: false));
            var (on, off) = await V2.BakeAsync(trajectory);
            t.V2On.Add(on);
            t.V2Off.Add(off);
            var (widerOn, widerOff) = await V2Wider.BakeAsync(trajectory);
            t.V2WiderOn.Add(widerOn);
            t.V2WiderOff.Add(widerOff);
        });
        return t;
    }
}
