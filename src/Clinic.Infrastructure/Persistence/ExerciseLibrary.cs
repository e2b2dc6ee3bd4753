namespace Clinic.Infrastructure.Persistence;

/// <summary>
/// The built-in self-compassion practices every practice can assign, seeded by migration. Written in our own
/// words, after the practices of Mindful Self-Compassion; ids are fixed so the seed is stable across migrations.
/// </summary>
public static class ExerciseLibrary
{
    public sealed record Entry(Guid Id, string Key, string Title, string Summary, string Instructions, int DefaultMinutes);

    public static IReadOnlyList<Entry> BuiltIn { get; } =
    [
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000001"),
            "self-compassion-break",
            "Self-Compassion Break",
            "A short pause for a hard moment: notice the pain, remember you are not alone in it, and offer yourself kindness.",
            "When something hurts, stop for a moment. 1. Name it plainly: \"This is a moment of struggle.\" 2. Remind yourself that difficulty is part of every human life: \"Other people feel this too.\" 3. Place a hand where it feels comforting and say something kind, as you would to someone you love: \"May I be gentle with myself right now.\" Find words that sound like you.",
            5),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000002"),
            "affectionate-breathing",
            "Affectionate Breathing",
            "Rest your attention on the breath with warmth, letting it rock and soothe you.",
            "Sit or lie comfortably and let your eyes close or soften. Feel the breath moving in and out without changing it. Notice how it gently rocks the body. When the mind wanders, which it will, come back to the breath kindly, as you would guide a small child back to a path. Let each out-breath carry a little ease.",
            15),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000003"),
            "soothing-touch",
            "Soothing Touch",
            "Use warm, gentle touch to tell the body it is safe and cared for.",
            "Try a few kinds of touch and notice which one calms you: a hand over the heart, both hands on the chest, a hand on the cheek, arms folded in a light hug, a hand resting on the belly. Stay with the one that feels right for a few breaths, feeling its warmth and pressure. You can use it anywhere, even unnoticed by others.",
            3),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000004"),
            "loving-kindness-for-ourselves",
            "Loving-Kindness for Ourselves",
            "Repeat a few warm wishes for yourself, letting them land as best you can.",
            "Settle into a comfortable position. Bring to mind an image of yourself as you are right now. Slowly repeat a few phrases, for example: \"May I be safe. May I be kind to myself. May I accept myself as I am. May I live with ease.\" If the words feel hollow, that is fine: you are planting an intention. Return to the phrases whenever your attention drifts.",
            15),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000005"),
            "compassionate-letter",
            "Compassionate Letter to Oneself",
            "Write to yourself about something you judge yourself for, in the voice of a wise, caring friend.",
            "Choose something about yourself that brings up shame or self-criticism. Imagine a friend who knows all your strengths and flaws and accepts you completely. Write a letter to yourself from that friend's point of view: what would they say about this struggle, how did it come about, what do they wish for you? Put the letter aside and read it again later, letting its kindness sink in.",
            20),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000006"),
            "self-compassion-journal",
            "Self-Compassion Journal",
            "At the end of the day, write down one hard moment and meet it with mindfulness, common humanity and kindness.",
            "Each evening, note one thing that was painful today: something you judged yourself for, or a difficult experience. Then write three short lines: what you felt, noticed without judgement; how this is part of being human; and a few kind, understanding words to yourself, the way you would speak to a friend.",
            10),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000007"),
            "compassionate-body-scan",
            "Compassionate Body Scan",
            "Move attention slowly through the body, meeting each part with gratitude and kindness instead of judgement.",
            "Lie down and place a hand on your heart for a moment. Starting at the toes, move your attention slowly upwards through the body. At each part, notice the sensations that are there. Where you find discomfort, let your attention soften around it, as if breathing warmth into it. Where you notice criticism of your body, answer it with appreciation for what that part does for you.",
            20),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000008"),
            "how-would-i-treat-a-friend",
            "How Would I Treat a Friend?",
            "Compare how you speak to a struggling friend with how you speak to yourself, and try the friend's way.",
            "Think of a time a close friend felt bad about themselves. Write how you responded: your words, your tone. Now think of a time you felt bad about yourself and write how you responded to yourself. Notice the difference. Ask what would change if you treated yourself the way you treat that friend, and write what a friend-like response to your current struggle would be.",
            15),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000009"),
            "soften-soothe-allow",
            "Soften, Soothe, Allow",
            "Find where a difficult emotion lives in the body, and soften, soothe and allow it there.",
            "Bring to mind a mildly difficult situation and name the emotion it brings. Find where you feel it most in the body. Soften the muscles around that place, as if applying warmth. Soothe yourself with a hand on that spot and a kind word. Allow the feeling to be there, without pushing it away, letting it come and go as it will.",
            10),
        new(
            Guid.Parse("0195a000-0000-7000-8000-000000000010"),
            "compassionate-walking",
            "Compassionate Walking",
            "A slow walk with attention on the feet and a kind wish with each step.",
            "Walk slowly somewhere you can go back and forth. Feel each foot lift, move and touch the ground. When you notice tension or self-criticism, silently offer a kind phrase in time with your steps, such as \"may I be at ease\". Let the pace be gentle and unhurried.",
            10),
    ];
}
