using Runway.Testing;
using WireMock.Server;
using WireMock.Settings;

namespace Runway.Tests.GitHub.Contract;

/// <summary>
/// One stand-in for GitHub per test run: a WireMock server that plays each test's repository (stateful where the
/// test needs it), behind one Prism proxy that validates every request and answer against GitHub's OpenAPI
/// description. Prism takes seconds to start, so it starts once; tests stay apart by each using its own repository.
/// </summary>
public sealed class GitHubContract : IDisposable
{
    private static readonly Lazy<GitHubContract> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _specFile;

    private GitHubContract(WireMockServer upstream, PrismProxy prism, string specFile)
    {
        Upstream = upstream;
        Prism = prism;
        _specFile = specFile;
    }

    /// <summary>The running stand-in (started on first use, stopped when the test process exits).</summary>
    public static GitHubContract Instance => Shared.Value;

    /// <summary>The stateful stand-in behind Prism; tests register their repository's answers here.</summary>
    public WireMockServer Upstream { get; }

    /// <summary>The validating proxy Runway's client talks to.</summary>
    public PrismProxy Prism { get; }

    private static GitHubContract Start()
    {
        var spec = GitHubSpec.WriteTrimmed();
        var upstream = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{PostgresServer.FreePort()}"] });
        var prism = PrismProxy.Start(spec, upstream.Url!);
        Console.WriteLine($"GitHub contract: Prism on GitHub's OpenAPI description listening after {prism.StartupTime.TotalSeconds:0.0} s");
        var contract = new GitHubContract(upstream, prism, spec);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => contract.Dispose();
        return contract;
    }

    public void Dispose()
    {
        Prism.Dispose();
        Upstream.Stop();
        try { File.Delete(_specFile); } catch (IOException) { }
    }
}
