-- Orders per customer in the window, as the customer funnel counts them (customer_funnel.sql): orders
-- as in RFM frequency (distinct order_id of positive lines, else distinct days), and whether the
-- customer is tier A. One row per customer with any line in the window.
with
orders_in_window as (
    select customer, amount, order_key
    from
        window_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
            $scope_region, $scope_account_manager
        )
),

tier_a_customers as (
    select unnest($tier_a_customers::varchar[]) as customer
),

orders_per_customer as (
    select
        orders_in_window.customer,
        count(distinct orders_in_window.order_key) filter (where orders_in_window.amount > 0) as order_count,
        bool_or(tier_a_customers.customer is not null) as is_tier_a
    from orders_in_window
    left join tier_a_customers using (customer)
    group by orders_in_window.customer
)

select customer, order_count, is_tier_a from orders_per_customer
