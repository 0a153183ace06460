namespace AgentLab.Telemetry.Plotting;

/// <summary>The rectangle the data are drawn in, in pixels, and the axes that map data into it.</summary>
internal sealed record PlotFrame(double Left, double Top, double Width, double Height, AxisScale X, AxisScale Y)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;

    public double PixelX(double value) => Left + X.Fraction(value) * Width;

    /// <summary>SVG's y grows downwards, the axis upwards.</summary>
    public double PixelY(double value) => Bottom - Y.Fraction(value) * Height;

    public double ClampedPixelX(double value) => Left + X.ClampedFraction(value) * Width;

    public double ClampedPixelY(double value) => Bottom - Y.ClampedFraction(value) * Height;
}
