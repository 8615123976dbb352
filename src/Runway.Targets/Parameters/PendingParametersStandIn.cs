// Temporary stand-in for the parameter system (branch `params`); deleted once that branch is merged.
#pragma warning disable CA1019, CA1813, CA1032, CA1002, CA1308, CA1305, CA1304, CA1311, CA1862, CA1847, CA1865, CA1866
using System.Reflection;
using System.Text.Json;

namespace Runway.Targets
{
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class ParameterAttribute(string description) : Attribute
    {
        public string Description { get; } = description;
    }

    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class SecretAttribute : Attribute;
}

namespace Runway.Targets.Parameters
{
    public sealed class CommandLine
    {
        public IReadOnlyList<string> Targets { get; private init; } = [];
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Options { get; private init; } = new Dictionary<string, IReadOnlyList<string>>();
        public bool Has(string option) => Options.ContainsKey(option);

        public static CommandLine Parse(IReadOnlyList<string> args)
        {
            var targets = new List<string>();
            var options = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            List<string>? current = null;
            foreach (var arg in args)
            {
                if (arg.StartsWith("--", StringComparison.Ordinal)) options[arg[2..]] = current = [];
                else if (current is null) targets.Add(arg);
                else current.Add(arg);
            }
            return new CommandLine { Targets = targets, Options = options.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.OrdinalIgnoreCase) };
        }
    }

    public enum ParameterSource { Default, ParametersFile, ProfileFile, Environment, CommandLine }

    public sealed record ParameterDescriptor(MemberInfo Member, string MemberName, string CliName, string EnvironmentName, string JsonName, Type Type,
        string Description, bool IsSecret, object? DefaultValue, IReadOnlyList<string> AllowedValues)
    {
        public object? GetValue(object build) => Member is FieldInfo f ? f.GetValue(build) : ((PropertyInfo)Member).GetValue(build);
        public void SetValue(object build, object? value)
        {
            if (Member is FieldInfo f) f.SetValue(build, value); else ((PropertyInfo)Member).SetValue(build, value);
        }
    }

    public static class ParameterDiscovery
    {
        public static IReadOnlyList<ParameterDescriptor> Discover(Type buildType, object defaultsInstance) =>
            buildType.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(m => m.GetCustomAttribute<ParameterAttribute>() is not null && m is FieldInfo or PropertyInfo)
                .Select(m => Describe(m, defaultsInstance)).ToList();

        private static ParameterDescriptor Describe(MemberInfo m, object defaults)
        {
            var type = m is FieldInfo f ? f.FieldType : ((PropertyInfo)m).PropertyType;
            var kebab = string.Concat(m.Name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
            var d = new ParameterDescriptor(m, m.Name, kebab, "RUNWAY_" + kebab.Replace('-', '_').ToUpperInvariant(), m.Name, type,
                m.GetCustomAttribute<ParameterAttribute>()!.Description, m.GetCustomAttribute<SecretAttribute>() is not null, null,
                Nullable.GetUnderlyingType(type)?.IsEnum == true || type.IsEnum ? Enum.GetNames(Nullable.GetUnderlyingType(type) ?? type) : []);
            return d with { DefaultValue = d.GetValue(defaults) };
        }
    }

    public sealed record BoundParameters(IReadOnlyList<ParameterDescriptor> Parameters, IReadOnlyList<string> SecretValues, IReadOnlyDictionary<string, ParameterSource> Sources);

    public sealed class ParameterException(string message) : Exception(message);

    public sealed class ParameterBinder(string rootDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlySet<string> engineOptions)
    {
        public string RootDirectory { get; } = rootDirectory;

        public BoundParameters Bind(object build, CommandLine commandLine)
        {
            var parameters = ParameterDiscovery.Discover(build.GetType(), build);
            var sources = new Dictionary<string, ParameterSource>();
            foreach (var option in commandLine.Options.Keys.Where(o => !engineOptions.Contains(o) && parameters.All(p => p.CliName != o)))
                throw new ParameterException($"Unknown option --{option}. Did you mean {string.Join(", ", NameSuggestions.Nearest(option, parameters.Select(p => p.CliName).Concat(engineOptions)).Select(n => "--" + n))}?");
            foreach (var p in parameters)
            {
                string? raw = commandLine.Options.TryGetValue(p.CliName, out var values) ? (values.Count == 0 ? "true" : string.Join(' ', values))
                    : environment.TryGetValue(p.EnvironmentName, out var env) ? env : null;
                if (raw is null) continue;
                var type = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
                p.SetValue(build, type == typeof(string) ? raw : type.IsEnum ? Enum.Parse(type, raw, true) : Convert.ChangeType(raw, type, System.Globalization.CultureInfo.InvariantCulture));
                sources[p.MemberName] = ParameterSource.CommandLine;
            }
            var secrets = parameters.Where(p => p.IsSecret).Select(p => p.GetValue(build) as string).OfType<string>().Where(s => s.Length > 0).ToList();
            return new BoundParameters(parameters, secrets, sources);
        }
    }

    public static class ParameterSchema
    {
        public static string Generate(IReadOnlyList<ParameterDescriptor> parameters, IReadOnlyList<string> targetNames) =>
            JsonSerializer.Serialize(new { title = "Build Schema", properties = parameters.ToDictionary(p => p.JsonName, p => new { type = "string", description = p.Description }), targets = targetNames },
                new JsonSerializerOptions { WriteIndented = true });
    }

    public static class NameSuggestions
    {
        public static IReadOnlyList<string> Nearest(string input, IEnumerable<string> candidates, int max = 3) =>
            candidates.Select(c => (c, d: Distance(input.ToLowerInvariant(), c.ToLowerInvariant())))
                .Where(x => x.d <= Math.Max(2, input.Length / 3)).OrderBy(x => x.d).Take(max).Select(x => x.c).ToList();

        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (var j = 0; j <= b.Length; j++) d[0, j] = j;
            for (var i = 1; i <= a.Length; i++)
                for (var j = 1; j <= b.Length; j++)
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            return d[a.Length, b.Length];
        }
    }
}
