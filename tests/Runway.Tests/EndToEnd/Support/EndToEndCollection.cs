using Xunit;

namespace Runway.Tests.EndToEnd.Support;

/// <summary>
/// End-to-end stories run one after another: each drives a whole environment (cluster, routers, replicas) through
/// real build.sh processes, and two at once would compete for the machine's cores and skew the canary analysis.
/// </summary>
[CollectionDefinition("end-to-end")]
public sealed class EndToEndCollection;
