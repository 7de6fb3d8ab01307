"""A two-attribution article in PolNeAR's brat format, shared by the reader and scorer tests."""

TEXT = '"We will win," Smith said.\nJones believes that the vote was rigged.\n'
ANN = (
    'T1\tContent 0 14\t"We will win,"\n'
    "T2\tSource 15 20\tSmith\n"
    "T3\tCue 21 25\tsaid\n"
    "T4\tAttribution 21 25\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
    "T5\tSource 27 32\tJones\n"
    "T6\tCue 33 41\tbelieves\n"
    "T7\tContent 42 66\tthat the vote was rigged\n"
    "T8\tAttribution 33 41\tbelieves\n"
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
)
