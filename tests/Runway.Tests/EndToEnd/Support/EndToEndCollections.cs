using Xunit;

// Two threads (the default on two cores) let the end-to-end stories wait behind the small tests for a minute and a
// half at the start of a run, and two story lines left nothing for the rest. Most of a story's time is waiting on
// real processes (bakes, drains, leases), so four tests at once keep the cores busy without starving anything.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]

namespace Runway.Tests.EndToEnd.Support;

/// <summary>
/// The end-to-end stories run in two lines, each one story after another: a story drives a whole environment
/// (cluster, routers, replicas, load) through real build.sh processes, so more at once would compete for the machine's
/// two cores and skew the canary analysis. Two lines halve the suite's wall time (one line was 13.6 of its 15 minutes);
/// the canary judges against a fresh baseline started beside the canary, so a neighbour's load slows both alike.
/// The lines are balanced by measured time (about 6.5 minutes each on two cores).
/// </summary>
public static class EndToEndCollections
{
    /// <summary>Faults, data safety, the production example and bad input.</summary>
    public const string FaultsAndData = "end-to-end: faults and data";

    /// <summary>The release stories: canary verdicts, the fresh baseline, concurrency, GitHub, gates and build.ps1.</summary>
    public const string Releases = "end-to-end: releases";
}

/// <summary>The line of stories about faults, data safety, the production example and bad input.</summary>
[CollectionDefinition(EndToEndCollections.FaultsAndData)]
public sealed class FaultsAndDataCollection;

/// <summary>The line of release stories.</summary>
[CollectionDefinition(EndToEndCollections.Releases)]
public sealed class ReleasesCollection;
