package dev.originedge.proxy;

/** Origin work that is set up first and started second, so that whoever may cancel it holds it before it runs. */
interface InFlight {

    void start();

    /** The client went away: stop, and call back no more. */
    void cancel();
}
