package dev.twelvefactor.launcher.admin;

/** The output and exit code of a one-off admin process. */
public record AdminRun(int exitCode, String output) {

	/**
	 * Refuses a failed run, with its output: a task whose failure would only show later,
	 * far from its cause.
	 */
	public AdminRun requireSuccess() {
		if (exitCode != 0) {
			throw new IllegalStateException("Admin task failed (" + exitCode + "): " + output);
		}
		return this;
	}
}
