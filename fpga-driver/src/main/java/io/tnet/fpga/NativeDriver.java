package io.tnet.fpga;

import io.tnet.fpga.jna.NativeDevice;
import io.tnet.fpga.jna.TnDriver;

/**
 * Lazy holder of the native driver library. The first call to {@link #availability()} binds the
 * library; any linkage failure ({@link UnsatisfiedLinkError}, missing JNA, wrong ABI) is caught once
 * and reported as "unavailable: reason" forever after, so a service without the library (or on another
 * architecture) keeps running with the fpga backend marked unavailable.
 */
public final class NativeDriver {

    private NativeDriver() {
    }

    /**
     * Whether the library is usable.
     *
     * @param available true if bound and ABI-compatible
     * @param reason    empty if available, otherwise why not ("unavailable: ..." is the caller's prefix)
     */
    public record Availability(boolean available, String reason) {
    }

    private static final class Holder {
        static final Availability AVAILABILITY = probe();

        private static Availability probe() {
            try {
                int abi = NativeDevice.abiVersion();
                if (abi != TnDriver.ABI_VERSION) {
                    return new Availability(false, "libtnet_driver has ABI " + abi + ", this binding needs "
                            + TnDriver.ABI_VERSION);
                }
                return new Availability(true, "");
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
                String why = e.getMessage() != null ? e.getMessage() : e.toString();
                if (e instanceof ExceptionInInitializerError && e.getCause() != null) {
                    why = e.getCause().toString();
                }
                return new Availability(false, "native driver library " + TnDriver.LIBRARY + " not loadable: " + why);
            }
        }
    }

    /** Binds the library on first use; never throws. */
    public static Availability availability() {
        return Holder.AVAILABILITY;
    }

    /** Throws an {@link FpgaException} with the reason if the library is unavailable. */
    static void require() {
        Availability a = availability();
        if (!a.available()) {
            throw new FpgaException(FpgaException.EJAVA, "unavailable: " + a.reason());
        }
    }
}
