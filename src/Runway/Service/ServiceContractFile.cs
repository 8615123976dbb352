using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runway.Service;

/// <summary>Reads and checks the service contract file (<c>deploy/service.json</c>).</summary>
public static class ServiceContractFile
{
    /// <summary>Where the contract is kept, relative to the repository root.</summary>
    public const string DefaultPath = "deploy/service.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Loads and validates the contract at <paramref name="path"/>.</summary>
    /// <exception cref="ServiceContractException">The file is missing or invalid; the message names the file, the field and the fix.</exception>
    public static ServiceContract Load(string path)
    {
        if (!File.Exists(path))
            throw new ServiceContractException($"The service contract '{path}' does not exist. Create it (./build.sh Init writes one) or set --service-file.");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates contract JSON; <paramref name="fileName"/> is named in errors.</summary>
    /// <exception cref="ServiceContractException">The JSON is malformed or a field is invalid.</exception>
    public static ServiceContract Parse(string json, string fileName)
    {
        ContractDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ContractDocument>(json, Json);
        }
        catch (JsonException error)
        {
            throw new ServiceContractException(
                $"{fileName} is not a valid service contract at {error.Path} (line {error.LineNumber + 1}): {Files.JsonTypeErrors.Describe(error, typeof(ContractDocument))} Fix the JSON; the fields are healthPath, request, auth, releaseHeader, concurrentRequest, tools, metrics.",
                error);
        }

        return ServiceContractValidation.Validate(document ?? throw new ServiceContractException($"{fileName} is empty; write a service contract (see deploy/service.json)."), fileName);
    }
}

/// <summary>The contract file as written, before its checks.</summary>
internal sealed record ContractDocument(
    string? HealthPath,
    RequestDocument? Request,
    ServiceAuth Auth,
    string? ReleaseHeader,
    RequestDocument? ConcurrentRequest,
    List<ToolContract>? Tools,
    MetricsContract? Metrics);

/// <summary>A request as written; method GET and no headers unless given.</summary>
internal sealed record RequestDocument(string? Method, string? Path, JsonElement? Body, Dictionary<string, string>? Headers);

/// <summary>The service contract file is missing or invalid.</summary>
public sealed class ServiceContractException(string message, Exception? inner = null) : Exception(message, inner);
