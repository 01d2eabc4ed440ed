using System.Text.RegularExpressions;

namespace WebhookHub.Tests.Deployment;

/// <summary>
/// The few facts the deployment tests read from a Bicep file, found with regular expressions rather than a Bicep parser
/// (none runs here; CI compiles the files). They rely on the layout every file under <c>bicep/</c> keeps: a declaration
/// (<c>param</c>, <c>var</c>, <c>resource</c>, <c>module</c>, <c>output</c>) starts at column 0, a multi-line declaration
/// ends with <c>}</c> or <c>]</c> alone at column 0, and inside a block there is one <c>key: value</c> per line.
/// </summary>
internal sealed partial class BicepFile
{
    private BicepFile(string path, string text)
    {
        Path = path;
        Text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The path relative to the repository root, for messages.</summary>
    public string Path { get; }

    /// <summary>The whole file, with LF line ends.</summary>
    public string Text { get; }

    /// <summary>The repository root (the folder holding WebhookHub.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Reads a file under the repository root, e.g. <c>Load("bicep/main.bicep")</c>.</summary>
    public static BicepFile Load(string relativePath) =>
        new(relativePath, File.ReadAllText(System.IO.Path.Combine(Root, relativePath)));

    /// <summary>Reads <c>bicep/modules/&lt;name&gt;.bicep</c>.</summary>
    public static BicepFile Module(string name) => Load($"bicep/modules/{name}.bicep");

    /// <summary>
    /// The body of the top-level declaration whose first line is exactly <paramref name="header"/> (for example
    /// <c>var appSettings = {</c>): the lines after it up to its closing <c>}</c> or <c>]</c> at column 0.
    /// </summary>
    public string Block(string header)
    {
        var match = Regex.Match(Text, "^" + Regex.Escape(header) + @"\n(.*?)\n[}\]]$", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, $"{Path}: no block starting with '{header}'");
        return match.Groups[1].Value;
    }

    /// <summary>The <c>key: value</c> lines of a block, in order, value trimmed; nested keys included. (The files put no comment
    /// after a value, so a value is the rest of its line.)</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Assignments(string block) =>
        [.. AssignmentLine().Matches(block).Select(m => KeyValuePair.Create(m.Groups[1].Value, m.Groups[2].Value.Trim()))];

    /// <summary>The assignments of a block as a dictionary; fails on a key that appears twice.</summary>
    public static IReadOnlyDictionary<string, string> Map(string block) => Assignments(block).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Resource symbol → resource type without the API version, for every <c>resource</c> declaration.</summary>
    public IReadOnlyDictionary<string, string> ResourceTypes =>
        ResourceLine().Matches(Text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    /// <summary>Output name → its expression, for every <c>output</c> declaration.</summary>
    public IReadOnlyDictionary<string, string> Outputs =>
        OutputLine().Matches(Text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());

    /// <summary>Module symbol → module file name (without folder and extension), for every <c>module</c> declaration.</summary>
    public IReadOnlyDictionary<string, string> Modules =>
        ModuleLine().Matches(Text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    /// <summary>The body of the resource declared with <paramref name="symbol"/>.</summary>
    public string Resource(string symbol)
    {
        var line = ResourceLine().Matches(Text).Single(m => m.Groups[1].Value == symbol).Value;
        return Block(line);
    }

    /// <summary>The parameters a module declaration passes, name → expression.</summary>
    public IReadOnlyDictionary<string, string> ModuleParams(string moduleFile)
    {
        var symbol = Modules.Single(m => m.Value == moduleFile).Key;
        var body = Block($"module {symbol} './modules/{moduleFile}.bicep' = {{");
        var parameters = Regex.Match(body, @"^  params: \{\n(.*?)\n  \}$", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(parameters.Success, $"{Path}: module {symbol} has no params block");
        return Map(parameters.Groups[1].Value);
    }

    /// <summary>The text of a single-quoted Bicep string literal without interpolation, or null for any other expression.</summary>
    public static string? Literal(string expression)
    {
        var match = LiteralExpression().Match(expression);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The items of a multi-line array literal block, one single-quoted string per line.</summary>
    public static IReadOnlyList<string> StringItems(string block) =>
        [.. block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => Literal(l) ?? throw new FormatException($"not a string item: {l}"))];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "WebhookHub.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("WebhookHub.sln not found above " + AppContext.BaseDirectory);
    }

    // "  key: value" (any indentation; a key may be quoted, like 'odata.type').
    [GeneratedRegex(@"^[ ]+([A-Za-z_][A-Za-z0-9_]*|'[^']+'):[ ]*(.*?)[ ]*$", RegexOptions.Multiline)]
    private static partial Regex AssignmentLine();

    // "resource symbol 'Provider/type@api-version' ..." at column 0.
    [GeneratedRegex(@"^resource (\w+) '([^'@]+)@[^']+'.*\{$", RegexOptions.Multiline)]
    private static partial Regex ResourceLine();

    // "output name type = expression" at column 0 (single line).
    [GeneratedRegex(@"^output (\w+) \w+ = (.+)$", RegexOptions.Multiline)]
    private static partial Regex OutputLine();

    // "module symbol './modules/file.bicep' = {" at column 0.
    [GeneratedRegex(@"^module (\w+) '\./modules/([\w-]+)\.bicep' = \{$", RegexOptions.Multiline)]
    private static partial Regex ModuleLine();

    // 'text' with no quote and no ${ inside.
    [GeneratedRegex(@"^'((?:[^'$]|\$(?!\{))*)'$")]
    private static partial Regex LiteralExpression();
}
