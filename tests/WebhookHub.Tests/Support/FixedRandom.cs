namespace WebhookHub.Tests.Support;

/// <summary>A <see cref="Random"/> whose <see cref="NextDouble"/> returns a fixed value, for exact jitter.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
