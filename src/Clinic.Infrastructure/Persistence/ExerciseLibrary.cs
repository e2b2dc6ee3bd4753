using Clinic.Domain.Exercises;

namespace Clinic.Infrastructure.Persistence;

/// <summary>
/// The built-in self-compassion practices every practice can assign, seeded by migration. Written in our own
/// words, after the practices of Mindful Self-Compassion (no published script is copied); ids are fixed so the seed
/// is stable across migrations. Steps are short enough to show one at a time or read aloud; DefaultMinutes is the
/// typical duration.
/// </summary>
public static class ExerciseLibrary
{
    public const string MindfulSelfCompassion = "Mindful Self-Compassion (Neff and Germer)";

    public sealed record Entry(Guid Id, string Key, string Title, string Summary, string Instructions, int DefaultMinutes, string[] Steps, ExerciseTag[] Tags, string Attribution = MindfulSelfCompassion);

    public static IReadOnlyList<Entry> BuiltIn { get; } =
    [
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000001"),
            "self-compassion-break",
            "Self-Compassion Break",
            "A short pause for a hard moment: notice the pain, remember you are not alone in it, and offer yourself kindness.",
            "When something hurts, stop for a moment. 1. Name it plainly: \"This is a moment of struggle.\" 2. Remind yourself that difficulty is part of every human life: \"Other people feel this too.\" 3. Place a hand where it feels comforting and say something kind, as you would to someone you love: \"May I be gentle with myself right now.\" Find words that sound like you.",
            5,
            [
                "Pause where you are, and let yourself notice that this hurts.",
                "Say to yourself, in your own words, that this is a hard moment.",
                "Remember that struggling is part of being human: many people feel something like this too.",
                "Rest a hand on your chest, or wherever it feels comforting, and feel its warmth.",
                "Offer yourself the words you would give a good friend right now, such as \"I'm here with you.\"",
                "Take one slow breath and notice how you feel now.",
            ],
            [ExerciseTag.InTheMoment, ExerciseTag.Daily]),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000002"),
            "affectionate-breathing",
            "Affectionate Breathing",
            "Rest your attention on the breath with warmth, letting it rock and soothe you.",
            "Sit or lie comfortably and let your eyes close or soften. Feel the breath moving in and out without changing it. Notice how it gently rocks the body. When the mind wanders, which it will, come back to the breath kindly, as you would guide a small child back to a path. Let each out-breath carry a little ease.",
            15,
            [
                "Find a comfortable position and let your eyes close, or rest them on the floor.",
                "Notice your breath as it is, without changing it.",
                "Feel how each breath gently moves your body, in and out.",
                "If your mind drifts, that is normal; kindly bring your attention back to the breath.",
                "Let each out-breath carry a little ease, as if the breath were looking after you.",
                "Before you finish, notice how your body feels, and open your eyes slowly.",
            ],
            [ExerciseTag.Daily, ExerciseTag.Evening, ExerciseTag.Body]),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000003"),
            "soothing-touch",
            "Soothing Touch",
            "Use warm, gentle touch to tell the body it is safe and cared for.",
            "Try a few kinds of touch and notice which one calms you: a hand over the heart, both hands on the chest, a hand on the cheek, arms folded in a light hug, a hand resting on the belly. Stay with the one that feels right for a few breaths, feeling its warmth and pressure. You can use it anywhere, even unnoticed by others.",
            3,
            [
                "Take one slow breath.",
                "Place a hand over your heart, or try another spot: your cheek, your belly, or your arms folded in a light hug.",
                "Feel the warmth and the gentle pressure of your hand.",
                "Stay with the touch that comforts you most for a few breaths.",
                "You can come back to this touch anywhere; no one else needs to notice.",
            ],
            [ExerciseTag.InTheMoment, ExerciseTag.Daily, ExerciseTag.Body]),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000004"),
            "loving-kindness-for-ourselves",
            "Loving-Kindness for Ourselves",
            "Repeat a few warm wishes for yourself, letting them land as best you can.",
            "Settle into a comfortable position. Bring to mind an image of yourself as you are right now. Slowly repeat a few phrases, for example: \"May I be safe. May I be kind to myself. May I accept myself as I am. May I live with ease.\" If the words feel hollow, that is fine: you are planting an intention. Return to the phrases whenever your attention drifts.",
            15,
            [
                "Settle into a comfortable position and take a few easy breaths.",
                "Picture yourself as you are right now, with whatever you are carrying.",
                "Choose two or three kind wishes for yourself, for example: \"May I feel safe. May I find some peace.\"",
                "Repeat them slowly and quietly, letting each one land as best it can.",
                "If the words feel empty, that is all right: the intention is what counts.",
                "When your attention wanders, come back gently to your wishes.",
            ],
            [ExerciseTag.Daily, ExerciseTag.Evening]),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000005"),
            "compassionate-letter",
            "Compassionate Letter to Oneself",
            "Write to yourself about something you judge yourself for, in the voice of a wise, caring friend.",
            "Choose something about yourself that brings up shame or self-criticism. Imagine a friend who knows all your strengths and flaws and accepts you completely. Write a letter to yourself from that friend's point of view: what would they say about this struggle, how did it come about, what do they wish for you? Put the letter aside and read it again later, letting its kindness sink in.",
            20,
            [
                "Choose something about yourself that you often criticise.",
                "Imagine a friend who knows you well and accepts you just as you are.",
                "Write to yourself from that friend's point of view about this struggle.",
                "Let the friend say how it came about and what you were up against.",
                "Let them say what they wish for you, warmly and without blame.",
                "Put the letter away, and read it again later to let its kindness sink in.",
            ],
            [ExerciseTag.Writing]),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000006"),
            "self-compassion-journal",
            "Self-Compassion Journal",
            "At the end of the day, write down one hard moment and meet it with mindfulness, common humanity and kindness.",
            "Each evening, note one thing that was painful today: something you judged yourself for, or a difficult experience. Then write three short lines: what you felt, noticed without judgement; how this is part of being human; and a few kind, understanding words to yourself, the way you would speak to a friend.",
            10,
            [
                "At the end of the day, write down one moment that was hard.",
                "Describe what you felt, plainly and without judging it.",
                "Add a line on how this is something many people go through.",
                "Write a few kind, understanding words to yourself, as you would to a friend.",
            ],
            [ExerciseTag.Daily, ExerciseTag.Evening, ExerciseTag.Writing]),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000007"),
            "compassionate-body-scan",
            "Compassionate Body Scan",
            "Move attention slowly through the body, meeting each part with gratitude and kindness instead of judgement.",
            "Lie down and place a hand on your heart for a moment. Starting at the toes, move your attention slowly upwards through the body. At each part, notice the sensations that are there. Where you find discomfort, let your attention soften around it, as if breathing warmth into it. Where you notice criticism of your body, answer it with appreciation for what that part does for you.",
            20,
            [
                "Lie down comfortably and rest a hand on your heart for a moment.",
                "Bring your attention to your feet and notice what you feel there.",
                "Move slowly up through your legs, belly, chest, back, arms, neck and head.",
                "Where you find discomfort, let your attention soften around it.",
                "Where you notice criticism of your body, thank that part for what it does for you.",
                "Finish by sensing your whole body at once, and rest for a few breaths.",
            ],
            [ExerciseTag.Evening, ExerciseTag.Body]),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000008"),
            "how-would-i-treat-a-friend",
            "How Would I Treat a Friend?",
            "Compare how you speak to a struggling friend with how you speak to yourself, and try the friend's way.",
            "Think of a time a close friend felt bad about themselves. Write how you responded: your words, your tone. Now think of a time you felt bad about yourself and write how you responded to yourself. Notice the difference. Ask what would change if you treated yourself the way you treat that friend, and write what a friend-like response to your current struggle would be.",
            15,
            [
                "Recall a time a close friend was struggling, and write how you responded to them.",
                "Recall a time you were struggling, and write how you responded to yourself.",
                "Notice the differences in your words and in your tone.",
                "Write what you would say to yourself now if you spoke the way you speak to that friend.",
            ],
            [ExerciseTag.Writing]),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000009"),
            "soften-soothe-allow",
            "Soften, Soothe, Allow",
            "Find where a difficult emotion lives in the body, and soften, soothe and allow it there.",
            "Bring to mind a mildly difficult situation and name the emotion it brings. Find where you feel it most in the body. Soften the muscles around that place, as if applying warmth. Soothe yourself with a hand on that spot and a kind word. Allow the feeling to be there, without pushing it away, letting it come and go as it will.",
            10,
            [
                "Name the feeling that is here, as simply as you can.",
                "Find where you feel it most in your body.",
                "Soften the muscles around that place, as if warming them.",
                "Rest a hand there and say something kind to yourself.",
                "Let the feeling be as it is, without pushing it away; let it come and go.",
            ],
            [ExerciseTag.InTheMoment, ExerciseTag.Body]),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000010"),
            "compassionate-walking",
            "Compassionate Walking",
            "A slow walk with attention on the feet and a kind wish with each step.",
            "Walk slowly somewhere you can go back and forth. Feel each foot lift, move and touch the ground. When you notice tension or self-criticism, silently offer a kind phrase in time with your steps, such as \"may I be at ease\". Let the pace be gentle and unhurried.",
            10,
            [
                "Walk slowly somewhere you can go back and forth.",
                "Feel each foot lift, move and touch the ground.",
                "When you notice tension or self-criticism, offer yourself a kind word in time with your steps.",
                "Keep the pace gentle and unhurried, and finish by standing still for one breath.",
            ],
            [ExerciseTag.Daily, ExerciseTag.Body]),
    ];
}
