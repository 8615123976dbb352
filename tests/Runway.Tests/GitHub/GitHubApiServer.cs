using Runway.GitHub;
using Runway.Testing;
using Runway.GitHub.Resilience;
using Serilog;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Runway.Tests.GitHub;

/// <summary>A real HTTP server on 127.0.0.1 that answers as GitHub's REST API does, for repository acme/shop.</summary>
public sealed class GitHubApiServer : IDisposable
{
    public const string Token = "ghp_RunwayTestToken_DoNotLeak_7f3a9c51";
    public const string RepoPath = "/api/v3/repos/acme/shop";

    public GitHubApiServer()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{PostgresServer.FreePort()}"] });
    }

    public WireMockServer Server { get; }

    public List<GitHubRetry> Retries { get; } = [];

    public GitHubOptions Options(Func<GitHubOptions, GitHubOptions>? adjust = null)
    {
        var options = new GitHubOptions
        {
            Repository = "acme/shop",
            Token = Token,
            ApiBaseUrl = new Uri(Server.Url! + "/api/v3/"),
            TimeBudget = TimeSpan.FromSeconds(30),
            RequestTimeout = TimeSpan.FromSeconds(10),
            MaxRetryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
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

    public List<IRequestMessage> AllReceived() => [.. Server.LogEntries.Select(e => e.RequestMessage!).OrderBy(r => r.DateTime)];

    public static string NotFound => """{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}""";

    public static string ServerError => """{"message":"Server Error"}""";

    public void Dispose() => Server.Stop();
}
