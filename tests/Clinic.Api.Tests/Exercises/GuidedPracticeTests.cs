using System.Net;
using System.Text.Json;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Exercises;

/// <summary>Every exercise carries what an app needs to guide it: ordered steps, a typical duration, tags and its source.</summary>
public sealed class GuidedPracticeTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    private static readonly string[] KnownTags = ["in_the_moment", "daily", "evening", "writing", "body"];

    [Fact]
    public async Task Every_built_in_exercise_has_steps_a_duration_tags_and_its_source()
    {
        var practice = await TestPractice.CreateAsync(api);

        var library = await (await practice.Admin.GetAsync("/api/v1/exercises")).ReadAsync<JsonElement[]>();

        var builtIn = library.Where(e => e.GetProperty("builtIn").GetBoolean()).ToList();
        Assert.Equal(10, builtIn.Count);
        Assert.All(builtIn, exercise =>
        {
            var steps = exercise.GetProperty("steps").EnumerateArray().Select(s => s.GetString()!).ToList();
            Assert.InRange(steps.Count, 3, 12);
            Assert.All(steps, step => Assert.InRange(step.Length, 10, 160));
            Assert.InRange(exercise.GetProperty("defaultMinutes").GetInt32(), 1, 30);
            var tags = exercise.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.NotEmpty(tags);
            Assert.All(tags, tag => Assert.Contains(tag, KnownTags));
            Assert.Equal("Mindful Self-Compassion (Neff and Germer)", exercise.GetProperty("attribution").GetString());
            Assert.False(exercise.GetProperty("retired").GetBoolean());
        });
        var inTheMoment = builtIn.Where(e => e.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == "in_the_moment")).Select(e => e.GetProperty("key").GetString()).ToList();
        Assert.Equal(["self-compassion-break", "soften-soothe-allow", "soothing-touch"], inTheMoment.Order());
    }

    [Fact]
    public async Task One_exercise_is_read_by_its_key_with_its_steps_in_order()
    {
        var practice = await TestPractice.CreateAsync(api);

        var exercise = await (await practice.Admin.GetAsync("/api/v1/exercises/soothing-touch")).ReadAsync<JsonElement>();

        Assert.Equal("Soothing Touch", exercise.GetProperty("title").GetString());
        Assert.Equal(3, exercise.GetProperty("defaultMinutes").GetInt32());
        Assert.Equal("Take one slow breath.", exercise.GetProperty("steps")[0].GetString());
        Assert.Equal(["in_the_moment", "daily", "body"], exercise.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_custom_exercise_takes_the_same_guidance_fields()
    {
        var practice = await TestPractice.CreateAsync(api);

        var response = await practice.Admin.PostJsonAsync("/api/v1/exercises", Custom("kind-hands"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var read = await (await practice.Admin.GetAsync("/api/v1/exercises/kind-hands")).ReadAsync<JsonElement>();
        Assert.Equal(["Rub your hands until they are warm.", "Rest them over your eyes and breathe."], read.GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["in_the_moment", "body"], read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Our practice's own", read.GetProperty("attribution").GetString());
    }

    [Fact]
    public async Task Another_practices_exercise_is_not_found()
    {
        var practice = await TestPractice.CreateAsync(api);
        var other = await TestPractice.CreateAsync(api);
        await practice.Admin.PostJsonAsync("/api/v1/exercises", Custom("kept-inside"));

        await (await other.Admin.GetAsync("/api/v1/exercises/kept-inside")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Admin.PatchJsonAsync("/api/v1/exercises/kept-inside", new { title = "Mine now" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"steps":["   "]}""", "steps")]
    [InlineData("""{"steps":["1","2","3","4","5","6","7","8","9","10","11","12","13"]}""", "steps")]
    [InlineData("""{"tags":["calming"]}""", "tags[0]")]
    [InlineData("""{"tags":["body","body"]}""", "tags")]
    [InlineData("""{"defaultMinutes":0}""", "defaultMinutes")]
    [InlineData("""{}""", "retired")]
    public async Task Bad_guidance_is_a_400_naming_the_field(string body, string field)
    {
        var practice = await TestPractice.CreateAsync(api);
        await practice.Admin.PostJsonAsync("/api/v1/exercises", Custom("to-be-fixed"));

        var response = await practice.Admin.PatchJsonAsync("/api/v1/exercises/to-be-fixed", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    internal static object Custom(string key) => new
    {
        key,
        title = "Kind hands",
        summary = "Warm hands over tired eyes.",
        instructions = "Rub your hands until warm, then rest them over your eyes.",
        defaultMinutes = 2,
        steps = new[] { "Rub your hands until they are warm.", "Rest them over your eyes and breathe." },
        tags = new[] { "in_the_moment", "body" },
        attribution = "Our practice's own",
    };
}
