using Runway.Service;
using Runway.Testing;

namespace Runway.Tests.Service;

/// <summary>The sample service's contract, as the repository ships it.</summary>
public static class SampleContract
{
    public static ServiceContract Value { get; } = ServiceContractFile.Load(System.IO.Path.Combine(RepositoryRoot.Path, "samples", "deploy", "service.json"));

    /// <summary>A service unlike the sample: Node-style metric names, /v1 routes, no auth, its own release header.</summary>
    public const string NodeStyleJson = """
        {
          "healthPath": "/healthz",
          "auth": "none",
          "request": { "method": "POST", "path": "/v1/items", "body": { "name": "load-{run}" }, "headers": { "X-Client": "runway" } },
          "releaseHeader": "X-Version",
          "tools": [ { "name": "sh", "command": ["sh", "-c", "echo 5.2.1"], "minimum": "5", "below": "6" } ],
          "metrics": {
            "requests": { "scrape": { "series": "http_request_duration_seconds_count", "statusLabel": "status_code" },
                          "prometheus": { "query": "sum by (status_code) (increase(http_request_duration_seconds_count{release=\"{{release}}\"}[{{window}}]))", "groupLabel": "status_code" } },
            "latency": { "scrape": { "series": "http_request_duration_seconds_bucket" },
                         "prometheus": { "query": "sum by (le) (increase(http_request_duration_seconds_bucket{release=\"{{release}}\"}[{{window}}]))", "groupLabel": "le" } }
          }
        }
        """;

    public static ServiceContract NodeStyle { get; } = ServiceContractFile.Parse(NodeStyleJson, "node-service.json");
}
