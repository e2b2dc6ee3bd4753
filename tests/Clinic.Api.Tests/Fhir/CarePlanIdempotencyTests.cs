using System.Net;
using System.Text;
using Clinic.Api.Common.Auth;
using Clinic.Api.Tests.Infrastructure;
using Hl7.Fhir.Serialization;
using static Clinic.Api.Tests.Fhir.FhirTestKit;

namespace Clinic.Api.Tests.Fhir;

public sealed class CarePlanIdempotencyTests(ClinicApiFactory api) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task A_care_plan_posted_again_with_the_same_idempotency_key_is_created_once()
    {
        var practice = await TestPractice.CreateAsync(api);
        var (therapist, _) = await practice.AddTherapistAsync();
        var (client, _) = await practice.AddClientAsync(therapist.Id);
        var body = new FhirJsonSerializer().SerializeToString(NewCarePlan(client.Id, therapist.Id, Activity("soothing-touch", Daily(1))));
        var ehr = api.ClientAs(Roles.Integration, $"ehr-{practice.Id:N}", practice.Id);

        async Task<HttpResponseMessage> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/CarePlan") { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };
            request.Headers.Add("Idempotency-Key", "ehr-retry-1");
            return await ehr.SendAsync(request);
        }

        var first = await PostAsync();
        var retry = await PostAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(1, await Database.CountAsync(api.ConnectionString, "SELECT count(*) FROM plans WHERE client_id = @c", ("c", client.Id)));
    }
}
