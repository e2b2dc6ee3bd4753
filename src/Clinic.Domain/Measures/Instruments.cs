namespace Clinic.Domain.Measures;

/// <summary>
/// The instruments a client can be asked to complete, each defined once, with its items verbatim from the published
/// form. docs/MEASURES.md gives the same definitions with their citations, and the source of every constant.
/// </summary>
public static class Instruments
{
    public const string ScsSfKey = "scs-sf";
    public const string Phq9Key = "phq-9";
    public const string Gad7Key = "gad-7";

    private const string PfizerLicense =
        "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from "
        + "Pfizer Inc. No permission required to reproduce, translate, display or distribute.";

    /// <summary>The answers the PHQ-9 and the GAD-7 share, with their LOINC answer codes.</summary>
    private static readonly ResponseOption[] HowOften =
    [
        new(0, "Not at all", "LA6568-5"),
        new(1, "Several days", "LA6569-3"),
        new(2, "More than half the days", "LA6570-1"),
        new(3, "Nearly every day", "LA6571-9"),
    ];

    /// <summary>
    /// Self-Compassion Scale, Short Form (Raes, Pommier, Neff and Van Gucht 2011): 12 items answered 1..5; items 1, 4,
    /// 8, 9, 11 and 12 (self-judgment, isolation, over-identification) are reverse scored; the score is the mean.
    /// Higher is more self-compassionate.
    /// </summary>
    public static Instrument ScsSf { get; } = new(
        Key: ScsSfKey,
        Name: "SCS-SF",
        Title: "Self-Compassion Scale - Short Form",
        Instructions: "How I typically act towards myself in difficult times. Please read each statement carefully before answering. "
            + "For each item, indicate how often you behave in the stated manner, using the following scale: 1 (Almost never) to 5 (Almost always).",
        Items:
        [
            new(1, "When I fail at something important to me I become consumed by feelings of inadequacy.", Reverse: true),
            new(2, "I try to be understanding and patient towards those aspects of my personality I don't like."),
            new(3, "When something painful happens I try to take a balanced view of the situation."),
            new(4, "When I'm feeling down, I tend to feel like most other people are probably happier than I am.", Reverse: true),
            new(5, "I try to see my failings as part of the human condition."),
            new(6, "When I'm going through a very hard time, I give myself the caring and tenderness I need."),
            new(7, "When something upsets me I try to keep my emotions in balance."),
            new(8, "When I fail at something that's important to me, I tend to feel alone in my failure.", Reverse: true),
            new(9, "When I'm feeling down I tend to obsess and fixate on everything that's wrong.", Reverse: true),
            new(10, "When I feel inadequate in some way, I try to remind myself that feelings of inadequacy are shared by most people."),
            new(11, "I'm disapproving and judgmental about my own flaws and inadequacies.", Reverse: true),
            new(12, "I'm intolerant and impatient towards those aspects of my personality I don't like.", Reverse: true),
        ],
        Options: [new(1, "Almost never"), new(2, null), new(3, null), new(4, null), new(5, "Almost always")],
        Scoring: ScoreKind.Mean,
        BetterWhen: BetterWhen.Higher,
        // Points are the sum of the 12 answers after reverse scoring (12..60); the mean is points / 12. Low below a
        // mean of 2.5 (points <= 29), moderate 2.5..3.5 (30..42), high above 3.5 (43..60).
        Bands: [new("low", "Low", 12, 29), new("moderate", "Moderate", 30, 42), new("high", "High", 43, 60)],
        ReliableChange: new(StandardDeviation: 0.61, Reliability: 0.86),
        Loinc: null,
        LoincDisplay: null,
        Citation: "Raes, F., Pommier, E., Neff, K. D., & Van Gucht, D. (2011). Construction and factorial validation of a short form of the "
            + "Self-Compassion Scale. Clinical Psychology & Psychotherapy, 18(3), 250-255.",
        License: "Free to use with citation (self-compassion.org).");

    /// <summary>
    /// Patient Health Questionnaire, 9 items (Kroenke, Spitzer and Williams 2001): 0..3 each, the score is the sum
    /// (0..27). Lower is better. Item 9 asks about thoughts of death or self-harm.
    /// </summary>
    public static Instrument Phq9 { get; } = new(
        Key: Phq9Key,
        Name: "PHQ-9",
        Title: "Patient Health Questionnaire (PHQ-9)",
        Instructions: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        Items:
        [
            new(1, "Little interest or pleasure in doing things"),
            new(2, "Feeling down, depressed, or hopeless"),
            new(3, "Trouble falling or staying asleep, or sleeping too much"),
            new(4, "Feeling tired or having little energy"),
            new(5, "Poor appetite or overeating"),
            new(6, "Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
            new(7, "Trouble concentrating on things, such as reading the newspaper or watching television"),
            new(8, "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless "
                + "that you have been moving around a lot more than usual"),
            new(9, "Thoughts that you would be better off dead or of hurting yourself in some way"),
        ],
        Options: HowOften,
        Scoring: ScoreKind.Sum,
        BetterWhen: BetterWhen.Lower,
        Bands:
        [
            new("minimal", "None-minimal", 0, 4), new("mild", "Mild", 5, 9), new("moderate", "Moderate", 10, 14),
            new("moderately_severe", "Moderately severe", 15, 19), new("severe", "Severe", 20, 27),
        ],
        ReliableChange: new(StandardDeviation: 6.0, Reliability: 0.89),
        Loinc: "44261-6",
        LoincDisplay: "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
        Citation: "Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: validity of a brief depression severity measure. "
            + "Journal of General Internal Medicine, 16(9), 606-613.",
        License: PfizerLicense);

    /// <summary>
    /// Generalized Anxiety Disorder, 7 items (Spitzer, Kroenke, Williams and Löwe 2006): 0..3 each, the score is the
    /// sum (0..21). Lower is better.
    /// </summary>
    public static Instrument Gad7 { get; } = new(
        Key: Gad7Key,
        Name: "GAD-7",
        Title: "Generalized Anxiety Disorder 7-item scale (GAD-7)",
        Instructions: "Over the last 2 weeks, how often have you been bothered by the following problems?",
        Items:
        [
            new(1, "Feeling nervous, anxious or on edge"),
            new(2, "Not being able to stop or control worrying"),
            new(3, "Worrying too much about different things"),
            new(4, "Trouble relaxing"),
            new(5, "Being so restless that it is hard to sit still"),
            new(6, "Becoming easily annoyed or irritable"),
            new(7, "Feeling afraid as if something awful might happen"),
        ],
        Options: HowOften,
        Scoring: ScoreKind.Sum,
        BetterWhen: BetterWhen.Lower,
        Bands: [new("minimal", "Minimal", 0, 4), new("mild", "Mild", 5, 9), new("moderate", "Moderate", 10, 14), new("severe", "Severe", 15, 21)],
        ReliableChange: new(StandardDeviation: 4.5, Reliability: 0.92),
        Loinc: "70274-6",
        LoincDisplay: "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
        Citation: "Spitzer, R. L., Kroenke, K., Williams, J. B. W., & Löwe, B. (2006). A brief measure for assessing generalized anxiety "
            + "disorder: the GAD-7. Archives of Internal Medicine, 166(10), 1092-1097.",
        License: PfizerLicense);

    /// <summary>Every instrument, in the order lists show them.</summary>
    public static IReadOnlyList<Instrument> All { get; } = [ScsSf, Phq9, Gad7];

    public static Instrument? Find(string? key) => All.FirstOrDefault(i => i.Key == key);

    public static bool IsKnown(string? key) => Find(key) is not null;

    /// <summary>The keys, for messages: "scs-sf, phq-9 or gad-7".</summary>
    public static string KeyList => string.Join(", ", All.Take(All.Count - 1).Select(i => i.Key)) + " or " + All[^1].Key;
}
