using System.Reflection;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Clinic.Client.Tests;

/// <summary>
/// A C# client generated with NSwag from the OpenAPI document the API serves, as a client-app team would generate
/// it (README, "Generating a client"), compiled with Roslyn together with the flows under Flows/, which are written
/// against the generated types. The API runs in memory over its own database; every answer the client receives
/// is also held to the document by the API tests' contract check.
/// </summary>
public sealed class GeneratedClient : IAsyncLifetime
{
    public const string Namespace = "Clinic.Client";
    public const string ClassName = "ClinicApiClient";

    public ClinicApiFactory Api { get; } = new();

    /// <summary>The generated C# source.</summary>
    public string Source { get; private set; } = "";

    public Assembly Assembly { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        var json = await Api.CreateClient().GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        Source = Generate(await OpenApiDocument.FromJsonAsync(json));
        await WriteForReadingAsync(Source);
        Assembly = Compile(Source, [.. typeof(GeneratedClient).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("Flows.", StringComparison.Ordinal)).Select(Resource)]);
    }

    public Task DisposeAsync() => Api.DisposeAsync();

    /// <summary>Runs a flow: a public static <c>RunAsync(Func&lt;string, string, Guid?, HttpClient&gt; clientAs)</c> of a class under Flows/.</summary>
    public async Task RunAsync(string flow)
    {
        var method = Assembly.GetType($"{Namespace}.Flows.{flow}", throwOnError: true)!.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)!;
        Func<string, string, Guid?, HttpClient> clientAs = Api.ClientAs;
        try
        {
            await (Task)method.Invoke(null, [clientAs])!;
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(invocation.InnerException).Throw();
        }
    }

    /// <summary>
    /// The settings the README's command line uses: one client class, method names from operationIds, optional
    /// parameters (such as Idempotency-Key on most POSTs) last, and NSwag's default JSON library (Newtonsoft.Json,
    /// which reads the snake_case enum values through their EnumMember names; NSwag's System.Text.Json output does not).
    /// </summary>
    private static string Generate(OpenApiDocument document)
    {
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = ClassName,
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            GenerateOptionalParameters = true,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings =
            {
                Namespace = Namespace,
                GenerateNullableReferenceTypes = true,
            },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    private static Assembly Compile(string client, IReadOnlyList<string> flows)
    {
        var trees = new[] { client }.Concat(flows).Select(code => CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Clinic.Client.Generated",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(result.Success, "The generated client or a flow does not compile:\n" + string.Join('\n', errors.Take(20)));
        return Assembly.Load(image.ToArray());
    }

    /// <summary>The generated code, for reading when a flow does not compile: artifacts/client/ClinicApiClient.g.cs.</summary>
    private static async Task WriteForReadingAsync(string source)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Clinic.sln")))
            {
                var file = Path.Combine(directory.FullName, "artifacts", "client", $"{ClassName}.g.cs");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, source);
                return;
            }
        }
    }

    private static string Resource(string name)
    {
        using var stream = typeof(GeneratedClient).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
