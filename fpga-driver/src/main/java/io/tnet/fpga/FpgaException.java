package io.tnet.fpga;

/**
 * A failure of the FPGA driver, carrying the C library's status code ({@code TN_E*} in
 * {@code tnet_driver.h}) and its detail message. Unchecked: callers decide per status (a timeout or a
 * device error trips the service's circuit breaker, a bad argument is a bug).
 */
public final class FpgaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status codes of {@code tnet_driver.h}. */
    public static final int EINVAL = -1, ENOMEM = -2, EIO = -3, ETIMEDOUT = -4, ENODEV = -5, EURI = -6,
            EMISMATCH = -7, EDEVICE = -8, ERANGE = -9, EBUSY = -10, ESTATE = -11, EUNSUPPORTED = -12;
    /** Status used for failures detected in Java (library missing, model refused, closed device). */
    public static final int EJAVA = -1000;

    private final int status;

    public FpgaException(int status, String message) {
        super(message);
        this.status = status;
    }

    public FpgaException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The C status ({@code TN_E*}), or {@link #EJAVA}. */
    public int status() {
        return status;
    }

    /** True if the accelerator did not complete in time (wedged device). */
    public boolean isTimeout() {
        return status == ETIMEDOUT || status == EBUSY;
    }

    /** True for faults of the device itself (timeout, error register, I/O), as opposed to caller errors. */
    public boolean isDeviceFault() {
        return status == ETIMEDOUT || status == EBUSY || status == EDEVICE || status == EIO || status == ESTATE;
    }
}
