using System.Collections.Concurrent;
using Runway.GitHub;
using Runway.Tests.GitHub.Contract;
using Runway.GitHub.Resilience;
using Serilog;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Runway.Tests.GitHub;

/// <summary>
/// GitHub's REST API for one test's own repository (<c>acme/shop-N</c>): answers registered on the shared stand-in,
/// reached through Prism, which validates every request and answer against GitHub's OpenAPI description. A test whose
/// requests broke the contract fails when this is disposed, naming each violation.
/// </summary>
public sealed class GitHubApiServer : IDisposable
{
    public const string Token = "ghp_RunwayTestToken_DoNotLeak_7f3a9c51";
    public const string Owner = "acme";

    private static int _instances;
    private readonly ConcurrentQueue<string> _violations = new();

    public GitHubApiServer()
    {
        Name = $"shop-{Interlocked.Increment(ref _instances)}";
        Contract = GitHubContract.Instance;
    }

    public GitHubContract Contract { get; }

    /// <summary>The stand-in behind Prism (shared by every test; paths under <see cref="RepoPath"/> are this test's).</summary>
    public WireMockServer Server => Contract.Upstream;

    /// <summary>This test's repository name, e.g. <c>shop-7</c>.</summary>
    public string Name { get; }

    /// <summary>This test's repository as owner/name.</summary>
    public string Repository => $"{Owner}/{Name}";

    /// <summary>The repository's path on the API, as requests reach the stand-in.</summary>
    public string RepoPath => $"{GitHubSpec.PathPrefix}/repos/{Repository}";

    public List<GitHubRetry> Retries { get; } = [];

    public GitHubOptions Options(Func<GitHubOptions, GitHubOptions>? adjust = null)
    {
        var options = new GitHubOptions
        {
            Repository = Repository,
            Token = Token,
            ApiBaseUrl = new Uri(Contract.Prism.Url, GitHubSpec.PathPrefix + "/"),
            TimeBudget = TimeSpan.FromSeconds(30),
            RequestTimeout = TimeSpan.FromSeconds(10),
            MaxRetryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            Transport = () => new ViolationRecorder(_violations),
        };
        return adjust is null ? options : adjust(options);
    }

    public GitHubConnection Connect(ILogger? logger = null, Func<GitHubOptions, GitHubOptions>? adjust = null) =>
        GitHubConnection.Create(Options(adjust), TimeProvider.System, logger ?? Serilog.Core.Logger.None, Retries.Add);

    /// <summary>Answers <paramref name="method"/> on <paramref name="path"/> (below the repository) with fixed JSON.</summary>
    public void On(string method, string path, int status, string json, params (string Name, string Value)[] headers) =>
        On(method, path, _ => Reply(status, json, headers));

    /// <summary>Answers with whatever <paramref name="respond"/> returns, so a test can keep state between requests.</summary>
    public void On(string method, string path, Func<IRequestMessage, ResponseMessage> respond) =>
        Server.Given(Request.Create().WithPath(RepoPath + path).UsingMethod(method)).RespondWith(Response.Create().WithCallback(respond));

    /// <summary>No release yet; a created release echoes what was sent, on GitHub's example release.</summary>
    public void OnDraftReleases()
    {
        On("GET", "/releases", 200, "[]");
        On("POST", "/releases", request =>
        {
            var release = SpecExamples.Get("release").AsObject();
            foreach (var (field, value) in GitHubJson.Body(request))
                release[field] = value?.DeepClone();
            return Reply(201, GitHubJson.Serialize(release));
        });
    }

    public static ResponseMessage Reply(int status, string json, params (string Name, string Value)[] headers)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
        };
        message.AddHeader("Content-Type", "application/json; charset=utf-8");
        message.AddHeader("X-GitHub-Media-Type", "github.v3; format=json");
        foreach (var (name, value) in headers)
            message.AddHeader(name, value);
        return message;
    }

    /// <summary>Requests the server received for <paramref name="method"/> on <paramref name="path"/> (below the repository), oldest first.</summary>
    public List<IRequestMessage> Received(string method, string path) =>
        [.. Server.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Method == method && r.Path == RepoPath + path).OrderBy(r => r.DateTime)];

    public List<IRequestMessage> AllReceived() =>
        [.. Server.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Path.StartsWith(RepoPath + "/", StringComparison.Ordinal)).OrderBy(r => r.DateTime)];

    public static string NotFound => """{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}""";

    public static string ServerError => """{"message":"Server Error"}""";

    /// <summary>Prism's violations for this test's repository so far.</summary>
    public IReadOnlyList<string> Violations => [.. _violations, .. Contract.Prism.ViolationsUnder(RepoPath + "/")];

    /// <summary>Fails the test when any request or answer broke GitHub's published contract.</summary>
    public void Dispose()
    {
        var violations = Violations;
        if (violations.Count > 0)
            throw new InvalidOperationException($"{violations.Count} request(s) or answer(s) broke GitHub's OpenAPI description:\n{string.Join('\n', violations)}");
    }
}
