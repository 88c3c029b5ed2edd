/**
 * How a request starts: the one start form of every request type, which is also its reply form to a question
 * ({@code RequestFormController}, with {@code RequestSubmission}'s business checks and {@code RequestCorrection}'s
 * corrected answer), and the start of the process as the requester
 * ({@link fr.beta.guichet.request.start.RequestStarter}) under a readable reference from
 * {@link fr.beta.guichet.request.start.ReferenceGenerator}, with which the other processes number their instances
 * too.
 */
@org.springframework.modulith.NamedInterface("start")
package fr.beta.guichet.request.start;
