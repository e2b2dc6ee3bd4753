using Clinic.Api.Common.Auditing;
using Clinic.Api.Common.Errors;
using Clinic.Api.Common.Http;
using Clinic.Api.Features.Adherence;
using Clinic.Api.Features.Clients;
using Clinic.Api.Features.Measures;
using Clinic.Api.Features.Plans;
using Clinic.Domain.Clients;
using Clinic.Domain.Measures;
using Clinic.Domain.Plans;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Mediator;
using Clinic.Api.Common.Json;

namespace Clinic.Api.Features.Fhir;

/// <summary>
/// The HL7 FHIR R4 façade at <c>/fhir</c> for EHR integrations: CarePlan in (create, read, update, search by
/// subject), the clients the plans name as Patients (read, search by identifier), the adherence summary out as an
/// Observation, the outcome measures as Questionnaires, answers in as QuestionnaireResponses and scores out as Observations (<see cref="MeasureMapping"/>). Every read and write is sent through the same mediator
/// messages as the REST API, so roles, visibility, validation and audit are the REST API's; only the shapes differ.
/// Errors are OperationOutcomes (see <see cref="OperationOutcomeWriter"/>).
/// </summary>
public static class FhirEndpoints
{
    public const string Prefix = "/fhir";

    private static readonly string[] SubjectSearchParameters = ["subject", "patient", "subject:identifier", "patient:identifier", "_format"];
    private static readonly string[] CarePlanSearchParameters = [.. SubjectSearchParameters, "status"];
    private static readonly string[] ObservationSearchParameters = [.. SubjectSearchParameters, "code", "asOf"];
    private static readonly string[] QuestionnaireSearchParameters = ["url", "_format"];
    private static readonly string[] PatientSearchParameters = ["identifier", "_id", "active", "_format"];

    public static bool IsFhirPath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Registers the OperationOutcome writer. Call before AddProblemDetails: the first writer that accepts a request writes it.</summary>
    public static IServiceCollection AddFhirFacade(this IServiceCollection services) =>
        services.AddSingleton<IProblemDetailsWriter, OperationOutcomeWriter>();

    public static IEndpointRouteBuilder MapFhirEndpoints(this IEndpointRouteBuilder app)
    {
        // POSTs honour an Idempotency-Key as the REST API's do: an EHR that retries a create gets the first answer.
        // A caller that cannot read JSON is refused (406) before any work, and before an idempotent answer is stored.
        var fhir = app.MapGroup(Prefix).RequireAuthorization().RequireRateLimiting(RequestLimits.WritePolicy).ExcludeFromDescription()
            .AddEndpointFilter((context, next) =>
            {
                FhirJson.EnsureAcceptable(context.HttpContext.Request);
                return next(context);
            })
            .WithIdempotency()
            .AnswerHeadLikeGet();

        fhir.MapGet("/metadata", (HttpContext http) =>
                new FhirResult(CapabilityStatementBuilder.Build(BaseUrl(http), $"{Origin(http)}/.well-known/smart-configuration")))
            .AllowAnonymous();

        fhir.MapPost("/CarePlan", CreateCarePlanAsync);
        fhir.MapGet("/CarePlan/{id}", ReadCarePlanAsync);
        fhir.MapPut("/CarePlan/{id}", UpdateCarePlanAsync);
        fhir.MapGet("/CarePlan", SearchCarePlansAsync);
        fhir.MapGet("/CarePlan/{id}/$" + CapabilityStatementBuilder.AdherenceOperation, AdherenceSummaryAsync);
        fhir.MapGet("/Observation", SearchObservationsAsync);
        fhir.MapGet("/Observation/{id}", ReadObservationAsync);
        fhir.MapGet("/Questionnaire", SearchQuestionnairesAsync);
        fhir.MapGet("/Questionnaire/{id}", ReadQuestionnaireAsync);
        fhir.MapGet("/Patient/{id}", ReadPatientAsync);
        fhir.MapGet("/Patient", SearchPatientsAsync);
        fhir.MapPost("/QuestionnaireResponse", CreateQuestionnaireResponseAsync);
        fhir.MapGet("/QuestionnaireResponse/{id}", ReadQuestionnaireResponseAsync);
        return app;
    }

    private static async Task<IResult> CreateCarePlanAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var input = CarePlanMapping.Read(await FhirJson.ReadAsync<CarePlan>(http.Request, ct), CarePlanMapping.CreatableStatuses);
        input.Paths.AttachTo(http);
        var clientId = await input.Subject.ResolveAsync(mediator, ct)
            ?? throw new FhirUnprocessableException([new FhirIssue(input.Subject.Path, "No patient of this practice has this identifier.", "not-found")]);
        var plan = await mediator.Send(input.ToCommand(clientId), ct);
        return new FhirResult(CarePlanMapping.ToCarePlan(plan), StatusCodes.Status201Created, plan, $"{BaseUrl(http)}/CarePlan/{plan.Id}");
    }

    /// <summary>A read, conditional on If-None-Match with the version's ETag (<c>W/"3"</c>): 304 while it is current.</summary>
    private static async Task<IResult> ReadCarePlanAsync(string id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var plan = await mediator.Send(new GetPlanQuery(PlanId(id)), ct);
        if (ETags.NoneMatch(http.Request.Headers.IfNoneMatch, plan.ETag))
        {
            http.Response.Headers.ETag = $"W/{plan.ETag}";
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return new FhirResult(CarePlanMapping.ToCarePlan(plan), StatusCodes.Status200OK, plan);
    }

    /// <summary>
    /// Changes title, description and period (through UpdatePlanCommand). If-Match is required (428 without it,
    /// 412 when stale). Subject, author, identifier, status and activities must be sent back as read: status
    /// changes and assignment changes have their own REST endpoints.
    /// </summary>
    private static async Task<IResult> UpdateCarePlanAsync(string id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var carePlan = await FhirJson.ReadAsync<CarePlan>(http.Request, ct);
        if (carePlan.Id != id)
        {
            throw OperationOutcomes.Invalid(new FhirIssue("CarePlan.id", "The CarePlan's id must be the id in the URL.", carePlan.Id is null ? "required" : "invalid"));
        }

        var current = await mediator.Send(new GetPlanQuery(PlanId(id)), ct);
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        CheckVersion(ifMatch, current);
        var input = CarePlanMapping.Read(carePlan, [CarePlanMapping.StatusOf(current.Status)], CarePlanMapping.ActivityStatusOf(current.Status));
        input.Paths.AttachTo(http);
        await EnsureUnchangedAsync(input, current, mediator, ct);
        var plan = await mediator.Send(new UpdatePlanCommand(input.Title ?? "", input.Goal ?? "", input.StartDate, input.EndDate) { PlanId = current.Id, IfMatch = ifMatch }, ct);
        return new FhirResult(CarePlanMapping.ToCarePlan(plan), StatusCodes.Status200OK, plan);
    }

    private static async Task<IResult> SearchCarePlansAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        RefuseUnknownParametersWhenStrict(http, CarePlanSearchParameters);
        var statuses = CarePlanStatuses(http.Request.Query["status"]);
        var wanted = Enum.GetValues<PlanStatus>().Where(s => statuses.All(any => any.Contains(CarePlanMapping.StatusOf(s)))).ToHashSet();

        if (statuses.Count > 0 && wanted.Count == 0)
        {
            // Codes that name no plan status (entered-in-error, unknown) match nothing. The subject is still resolved and
            // the caller's access to it checked, so a probe of another practice's client is recorded as denied, as it is
            // for any other status; no plan is read, so none is audited as read.
            if (await SubjectOfSearchAsync(http, mediator, ct) is { } subject)
            {
                await PlansOfAsync(subject, http, mediator, ct, noneMatch: true);
            }

            return new FhirResult(Searchset(http, "CarePlan", CarePlanSearchParameters, []));
        }

        // Only the plans in a wanted status are read (and audited).
        var plans = await PlansOfSubjectAsync(http, mediator, statuses.Count > 0 ? ListPlansQuery.StatusFilter(wanted) : null, ct);
        var matching = plans.Where(p => wanted.Contains(p.Status));
        var bundle = Searchset(http, "CarePlan", CarePlanSearchParameters, matching.Select(p => (Resource)CarePlanMapping.ToCarePlan(p)));
        return new FhirResult(bundle);
    }

    /// <summary>
    /// The <c>status</c> token parameters of a CarePlan search: each a comma-separated list of request-status codes, any
    /// of which matches (optionally as <c>system|code</c>); several parameters must all match. A code that is not a
    /// request status is a 400 naming the parameter, so a typo does not silently match nothing.
    /// </summary>
    private static List<HashSet<RequestStatus>> CarePlanStatuses(Microsoft.Extensions.Primitives.StringValues parameters) =>
        [.. parameters.Select(parameter => (parameter ?? "").Split(',').Select(token =>
            {
                var bar = token.IndexOf('|', StringComparison.Ordinal);
                var (system, code) = bar < 0 ? (null, token) : (token[..bar], token[(bar + 1)..]);
                return (system is null or "" or RequestStatusSystem) && EnumUtility.ParseLiteral<RequestStatus>(code) is { } status
                    ? status
                    : throw new BadParameterException("status", $"status must be a request status ({RequestStatusCodes}), comma-separated for any of them; got '{token}'.");
            }).ToHashSet())];

    private const string RequestStatusSystem = "http://hl7.org/fhir/request-status";

    private const string RequestStatusCodes = "draft, active, on-hold, revoked, completed, entered-in-error, unknown";

    private static async Task<IResult> AdherenceSummaryAsync(string id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var query = http.Request.Query;
        var summary = await mediator.Send(new GetPlanAdherenceQuery(PlanId(id), QueryValue(query, "asOf"), QueryValue(query, "from")), ct);
        return new FhirResult(AdherenceObservationMapping.ToObservation(summary));
    }

    /// <summary>
    /// The subject's Observations: one adherence Observation per active plan, and one score Observation per response to
    /// an outcome measure answered by asOf. <c>code</c> narrows them to the adherence summary or an instrument's score
    /// code; any other code matches nothing.
    /// </summary>
    private static async Task<IResult> SearchObservationsAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        RefuseUnknownParametersWhenStrict(http, ObservationSearchParameters);
        var asOf = QueryValue(http.Request.Query, "asOf");
        if (!WireFormats.IsInstantOrAbsent(asOf))
        {
            throw new BadParameterException("asOf", "asOf " + WireFormats.InstantMessage);
        }

        var codes = Codes(http.Request.Query["code"]);
        var observations = new List<Resource>();
        if (await SubjectOfSearchAsync(http, mediator, ct) is not { } clientId)
        {
            return new FhirResult(Searchset(http, "Observation", ObservationSearchParameters, observations));
        }

        var plans = await PlansOfAsync(clientId, http, mediator, ct);
        if (codes is null || codes.Any(AsksForAdherence))
        {
            foreach (var plan in plans.Where(p => p.Status == PlanStatus.Active))
            {
                var summary = await mediator.Send(new GetPlanAdherenceQuery(plan.Id, asOf, null), ct);
                observations.Add(AdherenceObservationMapping.ToObservation(summary));
            }
        }

        var instruments = Instruments.All.Where(i => codes is null || codes.Any(c => MeasureMapping.Names(i, c))).Select(i => i.Key).ToHashSet();
        if (instruments.Count > 0 && await MeasuresOfAsync(clientId, mediator, ct) is { } measures)
        {
            var until = WireFormats.InstantOr(asOf, NodaTime.Instant.MaxValue);
            observations.AddRange(measures.Measures
                .Where(m => instruments.Contains(m.MeasureKey))
                .SelectMany(m => m.Series.Where(p => p.AnsweredAt <= until).Select(p =>
                    MeasureMapping.ToObservation(p.ResponseId, measures.ClientId, m.MeasureKey, p.AnsweredAt, p.Score, p.Band))));
        }

        return new FhirResult(Searchset(http, "Observation", ObservationSearchParameters, observations));
    }

    /// <summary>The client's measures; null for a client the caller may not see (its denial is recorded with the plans' search).</summary>
    private static async Task<ClientMeasuresResponse?> MeasuresOfAsync(Guid clientId, IMediator mediator, CancellationToken ct)
    {
        try
        {
            return await mediator.Send(new GetClientMeasuresQuery(clientId), ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>A client the caller may see, as a Patient (audited as a read of the client); any other id is a 404.</summary>
    private static async Task<IResult> ReadPatientAsync(string id, IMediator mediator, CancellationToken ct)
    {
        var client = await mediator.Send(new GetClientQuery(ClientId(id)), ct);
        return new FhirResult(PatientMapping.ToPatient(client));
    }

    /// <summary>
    /// Patients by the EHR's identifier (<c>identifier=[system|]value</c>, the client's externalId) or by id
    /// (<c>_id</c>), optionally only those in care or discharged (<c>active=true|false</c>). One of the first two is
    /// required: a practice's whole caseload is listed by the REST API, a page at a time. A client the caller cannot
    /// see is not found, and the attempt is recorded as denied.
    /// </summary>
    private static async Task<IResult> SearchPatientsAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        RefuseUnknownParametersWhenStrict(http, PatientSearchParameters);
        var query = http.Request.Query;
        bool? active = QueryValue(query, "active") switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var other => throw new BadParameterException("active", $"active must be true or false; got '{other}'."),
        };

        IReadOnlyList<ClientResponse> clients;
        if (QueryValue(query, "identifier") is { Length: > 0 } identifier)
        {
            var bar = identifier.IndexOf('|', StringComparison.Ordinal);
            var externalId = bar < 0 ? identifier : identifier[(bar + 1)..];
            var status = active switch { true => "active", false => "discharged", null => null };
            // A value longer than any externalId can be names no client.
            clients = externalId.Length > Client.ExternalIdMaxLength
                ? []
                : (await mediator.Send(new ListClientsQuery(null, externalId, status, null, ListClientsQuery.MaxLimit), ct)).Items;
        }
        else if (QueryValue(query, "_id") is { Length: > 0 } id)
        {
            clients = await ClientOrNoneAsync(id, http, mediator, ct);
        }
        else
        {
            throw OperationOutcomes.Invalid(new FhirIssue("identifier", "Search by identifier=[system|]value (the client's externalId) or by _id.", "required"));
        }

        var byId = QueryValue(query, "_id");
        var matching = clients.Where(c =>
            (active is null || (c.Status == ClientStatus.Active) == active)
            && (string.IsNullOrEmpty(byId) || string.Equals(c.Id.ToString(), byId, StringComparison.OrdinalIgnoreCase)));
        return new FhirResult(Searchset(http, "Patient", PatientSearchParameters, matching.Select(c => (Resource)PatientMapping.ToPatient(c))));
    }

    /// <summary>The client with this id, or none: an id that is not one of ours names none, another practice's is recorded as denied.</summary>
    private static async Task<IReadOnlyList<ClientResponse>> ClientOrNoneAsync(string id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var clientId))
        {
            return [];
        }

        try
        {
            return [await mediator.Send(new GetClientQuery(clientId), ct)];
        }
        catch (NotFoundException)
        {
            await AuditTrail.RecordDeniedAsync(http.RequestServices, "client", ct);
            return [];
        }
    }

    /// <summary>A score Observation by id (the id of the measure response it is computed from); adherence Observations have no id.</summary>
    private static async Task<IResult> ReadObservationAsync(string id, IMediator mediator, CancellationToken ct)
    {
        var response = await mediator.Send(new GetMeasureResponseQuery(ResponseId(id, "observation")), ct);
        return new FhirResult(MeasureMapping.ToObservation(response.Id, response.ClientId, response.MeasureKey, response.AnsweredAt, response.Score, response.Band));
    }

    private static async Task<IResult> SearchQuestionnairesAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        RefuseUnknownParametersWhenStrict(http, QuestionnaireSearchParameters);
        var urls = http.Request.Query["url"].SelectMany(u => (u ?? "").Split(',')).ToList();
        var instruments = await mediator.Send(new ListInstrumentsQuery(), ct);
        var matching = instruments
            .Select(i => Instruments.Find(i.Key)!)
            .Where(i => urls.Count == 0 || urls.Any(u => u.Split('|')[0] == MeasureMapping.CanonicalOf(i)))
            .Select(i => (Resource)MeasureMapping.ToQuestionnaire(i));
        return new FhirResult(Searchset(http, "Questionnaire", QuestionnaireSearchParameters, matching));
    }

    private static async Task<IResult> ReadQuestionnaireAsync(string id, IMediator mediator, CancellationToken ct)
    {
        var known = await mediator.Send(new ListInstrumentsQuery(), ct);
        var instrument = known.Any(i => i.Key == id) ? Instruments.Find(id)! : throw new NotFoundException("measure", id);
        return new FhirResult(MeasureMapping.ToQuestionnaire(instrument));
    }

    /// <summary>
    /// Answers to one of the Questionnaires, entered by an EHR (or a therapist) for a client they may see, or by the client
    /// for themselves: validated and scored by the same command as the client app's answers, so it opens the same alerts.
    /// </summary>
    private static async Task<IResult> CreateQuestionnaireResponseAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var input = MeasureMapping.Read(await FhirJson.ReadAsync<QuestionnaireResponse>(http.Request, ct));
        input.Paths.AttachTo(http);
        var clientId = await input.Subject.ResolveAsync(mediator, ct)
            ?? throw new FhirUnprocessableException([new FhirIssue(input.Subject.Path, "No patient of this practice has this identifier.", "not-found")]);
        var response = await mediator.Send(input.ToCommand(clientId), ct);
        return new FhirResult(
            MeasureMapping.ToQuestionnaireResponse(response), StatusCodes.Status201Created, location: $"{BaseUrl(http)}/QuestionnaireResponse/{response.Id}");
    }

    private static async Task<IResult> ReadQuestionnaireResponseAsync(string id, IMediator mediator, CancellationToken ct)
    {
        var response = await mediator.Send(new GetMeasureResponseQuery(ResponseId(id, "measure_response")), ct);
        return new FhirResult(MeasureMapping.ToQuestionnaireResponse(response));
    }

    /// <summary>The plans of the searched subject; a subject that is unknown or not visible matches nothing.</summary>
    private static async Task<IReadOnlyList<PlanResponse>> PlansOfSubjectAsync(HttpContext http, IMediator mediator, string? status, CancellationToken ct) =>
        await SubjectOfSearchAsync(http, mediator, ct) is { } clientId ? await PlansOfAsync(clientId, http, mediator, ct, status) : [];

    /// <summary>The client the search's subject names, or null when no visible client has its identifier.</summary>
    private static async Task<Guid?> SubjectOfSearchAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var subject = PatientReference.FromSearch(http.Request.Query)
            ?? throw OperationOutcomes.Invalid(new FhirIssue("subject", "Search by subject=Patient/{id} or subject:identifier=[system|]value.", "required"));
        return await subject.ResolveAsync(mediator, ct);
    }

    private static async Task<IReadOnlyList<PlanResponse>> PlansOfAsync(Guid clientId, HttpContext http, IMediator mediator, CancellationToken ct, string? status = null, bool noneMatch = false)
    {
        try
        {
            return await mediator.Send(new ListPlansQuery(clientId, status) { NoneMatch = noneMatch }, ct);
        }
        catch (NotFoundException)
        {
            await AuditTrail.RecordDeniedAsync(http.RequestServices, "client", ct);
            return [];
        }
    }

    private static async System.Threading.Tasks.Task EnsureUnchangedAsync(CarePlanInput input, PlanResponse current, IMediator mediator, CancellationToken ct)
    {
        var issues = new List<FhirIssue>();
        if (await input.Subject.ResolveAsync(mediator, ct) != current.ClientId)
        {
            issues.Add(new FhirIssue("CarePlan.subject", "A plan cannot be moved to another patient.", "business-rule"));
        }

        if (input.TherapistId is { } therapistId && therapistId != current.TherapistId)
        {
            issues.Add(new FhirIssue("CarePlan.author", "The assigning therapist cannot be changed.", "business-rule"));
        }

        if (input.ExternalId != current.ExternalId)
        {
            issues.Add(new FhirIssue("CarePlan.identifier", "The identifier cannot be changed.", "business-rule"));
        }

        if (!CarePlanMapping.SameActivities(input.Assignments, current))
        {
            issues.Add(new FhirIssue(
                "CarePlan.activity",
                $"Activities cannot be changed by PUT: send them as read, and add or change assignments through POST /api/v1/plans/{current.Id}/assignments and PATCH /api/v1/plans/{current.Id}/assignments/{{assignmentId}}.",
                "not-supported"));
        }

        if (issues.Count > 0)
        {
            throw new FhirUnprocessableException(issues);
        }
    }

    /// <summary>
    /// FHIR's version-aware update: If-Match <c>W/"{versionId}"</c>, the plan's ETag. Checked before the body is
    /// compared, so a stale client hears 412 first.
    /// </summary>
    private static void CheckVersion(string ifMatch, PlanResponse plan) =>
        ETags.CheckIfMatch(ifMatch, int.Parse(CarePlanMapping.VersionOf(plan), System.Globalization.CultureInfo.InvariantCulture), required: true, "CarePlan");

    /// <summary>
    /// A searchset Bundle of the matches. Its self link holds the parameters the search used, the ones of
    /// <paramref name="known"/> (FHIR's search rules): one the server ignored does not appear, so the caller sees it was
    /// not applied.
    /// </summary>
    private static Bundle Searchset(HttpContext http, string type, string[] known, IEnumerable<Resource> resources)
    {
        // Every entry needs a fullUrl (bdl-15). Adherence Observations are computed, not stored, so they have no id
        // and no URL to read them at; a urn:uuid names them within the Bundle, as FHIR provides for such resources.
        var entries = resources.Select(r => new Bundle.EntryComponent
        {
            FullUrl = r.Id is null ? $"urn:uuid:{Guid.NewGuid()}" : $"{BaseUrl(http)}/{r.TypeName}/{r.Id}",
            Resource = r,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
        }).ToList();
        var applied = string.Join('&', http.Request.Query.Where(p => p.Key != "_format" && known.Contains(p.Key, StringComparer.Ordinal)).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}"));
        return new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = entries.Count,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{BaseUrl(http)}/{type}?{applied}" }],
            Entry = entries,
        };
    }

    /// <summary>FHIR servers ignore unknown search parameters unless the client asks for strict handling.</summary>
    private static void RefuseUnknownParametersWhenStrict(HttpContext http, string[] known)
    {
        if (!http.Request.Headers["Prefer"].ToString().Contains("handling=strict", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var unknown = http.Request.Query.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw OperationOutcomes.Invalid([.. unknown.Select(k => new FhirIssue(k, $"The search parameter {k} is not supported.", "not-supported"))]);
        }
    }

    /// <summary>The tokens of a <c>code</c> search parameter (comma-separated, repeatable), or null when it is absent.</summary>
    private static List<string>? Codes(Microsoft.Extensions.Primitives.StringValues code) =>
        code.Count == 0 ? null : [.. code.SelectMany(c => (c ?? "").Split(','))];

    private static bool AsksForAdherence(string token) =>
        token == AdherenceObservationMapping.SummaryCode
        || token == $"{AdherenceObservationMapping.ObservationSystem}|{AdherenceObservationMapping.SummaryCode}";

    private static string? QueryValue(IQueryCollection query, string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>Ids are the plans' own; anything else names no plan (404, like another practice's).</summary>
    private static Guid PlanId(string id) => Guid.TryParse(id, out var planId) ? planId : throw new NotFoundException("plan", id);

    /// <summary>Ids are the clients' own; anything else names no client (404, like another practice's).</summary>
    private static Guid ClientId(string id) => Guid.TryParse(id, out var clientId) ? clientId : throw new NotFoundException("client", id);

    /// <summary>Ids are the measure responses' own; anything else names none (404).</summary>
    private static Guid ResponseId(string id, string resourceType) => Guid.TryParse(id, out var responseId) ? responseId : throw new NotFoundException(resourceType, id);

    private static string Origin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static string BaseUrl(HttpContext http) => Origin(http) + Prefix;

    /// <summary>A resource written as FHIR JSON, with the plan's version as ETag and a Location when created.</summary>
    private sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK, PlanResponse? plan = null, string? location = null) : IResult
    {
        public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
        {
            if (plan is not null)
            {
                httpContext.Response.Headers.ETag = $"W/{plan.ETag}";
            }

            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            await FhirJson.WriteAsync(httpContext, resource, status);
        }
    }
}
